#pragma once
// A vector that keeps its first N elements inside itself and moves to the heap beyond them.
// For lists that almost always hold one or two elements and are built many times, such as
// the DNS lookups of one SPF record in an explanation tree: each std::vector there costs a
// heap allocation that outlives the evaluation. The interface is the part of std::vector
// those lists use (push/emplace_back, size, indexing, iteration, comparison).

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <memory>
#include <new>
#include <stdexcept>
#include <utility>

namespace mailtopo {

template <class T, size_t N>
class SmallVector {
    static_assert(N > 0);

public:
    using value_type = T;
    using size_type = size_t;
    using reference = T&;
    using const_reference = const T&;
    using iterator = T*;
    using const_iterator = const T*;

    SmallVector() noexcept = default;
    SmallVector(std::initializer_list<T> items) {
        reserve(items.size());
        for (const auto& item : items)
            emplace_back(item);
    }
    SmallVector(const SmallVector& other) {
        reserve(other.size_);
        for (const auto& item : other)
            emplace_back(item);
    }
    SmallVector(SmallVector&& other) noexcept { takeFrom(other); }
    SmallVector& operator=(const SmallVector& other) {
        if (this != &other) {
            clear();
            reserve(other.size_);
            for (const auto& item : other)
                emplace_back(item);
        }
        return *this;
    }
    SmallVector& operator=(SmallVector&& other) noexcept {
        if (this != &other) {
            clear();
            release();
            takeFrom(other);
        }
        return *this;
    }
    ~SmallVector() {
        clear();
        release();
    }

    T* data() noexcept { return heap_ != nullptr ? heap_ : inlineData(); }
    const T* data() const noexcept { return heap_ != nullptr ? heap_ : inlineData(); }
    size_t size() const noexcept { return size_; }
    size_t capacity() const noexcept { return capacity_; }
    bool empty() const noexcept { return size_ == 0; }

    T* begin() noexcept { return data(); }
    T* end() noexcept { return data() + size_; }
    const T* begin() const noexcept { return data(); }
    const T* end() const noexcept { return data() + size_; }

    T& operator[](size_t i) noexcept { return data()[i]; }
    const T& operator[](size_t i) const noexcept { return data()[i]; }
    T& at(size_t i) {
        if (i >= size_)
            throw std::out_of_range("SmallVector::at");
        return data()[i];
    }
    const T& at(size_t i) const {
        if (i >= size_)
            throw std::out_of_range("SmallVector::at");
        return data()[i];
    }
    T& front() noexcept { return data()[0]; }
    const T& front() const noexcept { return data()[0]; }
    T& back() noexcept { return data()[size_ - 1]; }
    const T& back() const noexcept { return data()[size_ - 1]; }

    template <class... Args>
    T& emplace_back(Args&&... args) {
        if (size_ == capacity_)
            grow(capacity_ * 2);
        T* slot = data() + size_;
        std::construct_at(slot, std::forward<Args>(args)...);
        ++size_;
        return *slot;
    }
    void push_back(const T& item) { emplace_back(item); }
    void push_back(T&& item) { emplace_back(std::move(item)); }

    void reserve(size_t wanted) {
        if (wanted > capacity_)
            grow(wanted);
    }
    void clear() noexcept {
        std::destroy_n(data(), size_);
        size_ = 0;
    }

    friend bool operator==(const SmallVector& a, const SmallVector& b) {
        return std::equal(a.begin(), a.end(), b.begin(), b.end());
    }

private:
    T* inlineData() noexcept { return std::launder(reinterpret_cast<T*>(inline_)); }
    const T* inlineData() const noexcept {
        return std::launder(reinterpret_cast<const T*>(inline_));
    }

    void grow(size_t wanted) {
        T* fresh = std::allocator<T>().allocate(wanted);
        std::uninitialized_move_n(data(), size_, fresh);
        std::destroy_n(data(), size_);
        release();
        heap_ = fresh;
        capacity_ = wanted;
    }
    // Frees the heap block (elements already destroyed or moved out).
    void release() noexcept {
        if (heap_ != nullptr)
            std::allocator<T>().deallocate(heap_, capacity_);
        heap_ = nullptr;
        capacity_ = N;
    }
    // Requires this to be empty and inline.
    void takeFrom(SmallVector& other) noexcept {
        if (other.heap_ != nullptr) {
            heap_ = std::exchange(other.heap_, nullptr);
            size_ = std::exchange(other.size_, 0);
            capacity_ = std::exchange(other.capacity_, N);
            return;
        }
        std::uninitialized_move_n(other.inlineData(), other.size_, inlineData());
        size_ = other.size_;
        other.clear();
    }

    T* heap_ = nullptr;
    size_t size_ = 0;
    size_t capacity_ = N;
    alignas(T) unsigned char inline_[N * sizeof(T)];
};

}  // namespace mailtopo
