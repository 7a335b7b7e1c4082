#pragma once
// Prediction beside reality: each test of a probe is traced through the design with the
// simulator (the same MAIL FROM and RCPT TO, from the simulated client to the probed
// element), and the outcome the design predicts is compared with what the server answered.
// A difference is a model-reality-mismatch finding that names the assumption of the design
// that is most likely wrong.

#include <string>
#include <vector>

#include "core/analysis/finding.h"
#include "core/model/design.h"
#include "core/probe/design_target.h"
#include "core/probe/probe_result.h"
#include "core/sim/trace.h"

namespace mailtopo::probe {

// What a side (design or server) says a test comes to.
enum class Expectation : uint8_t {
    Accepted,   // 2xx to MAIL FROM and RCPT TO
    Refused,    // 5xx
    Deferred,   // 4xx (Exchange's 451 5.7.3 included)
    NoSession,  // no SMTP session: dropped, reset, timed out, refused at the banner
    Unknown,    // the design lacks what the decision needs, or the test did not run
};

struct Prediction {
    ProbeTest test;
    sim::Trace trace;
    Expectation expectation = Expectation::Unknown;
    std::string reply;  // the reply the design predicts, or what ends the session there
};

// Traces every test through the design (explain on, stopping at the probed server).
std::vector<Prediction> predictTests(const model::Design& design, const DesignTarget& target,
                                     const std::vector<ProbeTest>& tests, const std::string& helo);

struct TestComparison {
    Prediction prediction;
    Expectation observed = Expectation::Unknown;
    std::string observedReply;
    bool mismatch = false;
    std::string note;  // why the two were not compared, or how they differ in detail
};

struct DesignComparison {
    DesignTarget target;
    std::vector<TestComparison> tests;
    std::vector<analysis::Finding> findings;  // model-reality-mismatch, sorted
};

DesignComparison compareWithDesign(const model::Design& design, const DesignTarget& target,
                                   const std::vector<Prediction>& predictions,
                                   const ProbeResult& result);

}  // namespace mailtopo::probe

namespace mailtopo {
template <>
struct EnumTraits<probe::Expectation> {
    static constexpr std::pair<probe::Expectation, std::string_view> list[] = {
        {probe::Expectation::Accepted, "accepted"},
        {probe::Expectation::Refused, "refused"},
        {probe::Expectation::Deferred, "deferred"},
        {probe::Expectation::NoSession, "no-session"},
        {probe::Expectation::Unknown, "unknown"}};
    static constexpr auto items = std::to_array(list);
};
}  // namespace mailtopo
