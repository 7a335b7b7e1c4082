#pragma once
// A C stdio FILE owned by a unique_ptr: closed however the scope is left. The readers and
// the atomic writer use stdio for its errno on failure; ldns reads from a FILE too.

#include <cstdio>
#include <memory>

namespace mailtopo {

struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

}  // namespace mailtopo
