#!/usr/bin/env python3
"""Times python3-spf (pyspf) on the same zone data as bench_spf, and compares.

  /usr/bin/python3 tests/bench/bench_pyspf.py [--bench BUILD/tests/bench/bench_spf]

Measures, with pyspf's DNS replaced by in-memory lookups (the hook its own test runner uses):
  * one evaluation of the 10-include record (example.org: include:s1..s10 -all, client
    192.0.2.10 passes at the 10th include), as BM_TenIncludes does;
  * the whole RFC 7208 conformance suite (203 tests, zone data prepared beforehand), as
    BM_ConformanceSuite does.
With --bench it also runs bench_spf and prints how many times faster our evaluator is
(issue 5 target: >= 20x). Use the system interpreter: the Debian package python3-spf
installs the module there.
"""

import argparse
import json
import subprocess
import sys
import time

import spf  # Debian package python3-spf
import yaml  # Debian package python3-yaml

SUITE = "/work/shared/conformance/spf/rfc7208-tests.yml"


def ten_include_zone():
    zone = {}
    record = "v=spf1"
    for n in range(1, 11):
        name = "s%d.example.org" % n
        record += " include:" + name
        zone[(name, "TXT")] = [[("v=spf1 ip4:192.0.2.%d/32 -all" % n).encode()]]
    zone[("example.org", "TXT")] = [[(record + " -all").encode()]]
    return zone, set()


def suite_zone(zonedata):
    """The README's harness rules: SPF entries served as TXT unless the name has TXT."""
    zone, timeouts, has_txt, spf_entries = {}, set(), set(), {}
    for name, entries in zonedata.items():
        key = name.lower().rstrip(".")
        for entry in entries:
            if entry == "TIMEOUT":
                timeouts.add(key)
                continue
            (rtype, value), = entry.items()
            if rtype == "TXT":
                has_txt.add(key)
                if value == "NONE":
                    continue
            if rtype in ("TXT", "SPF"):
                strings = value if isinstance(value, list) else [value]
                value = [s.encode("utf-8") for s in strings]
                if rtype == "SPF":
                    spf_entries.setdefault(key, []).append(value)
                    continue
            elif rtype == "MX":
                value = (value[0], value[1])
            zone.setdefault((key, rtype), []).append(value)
    for key, values in spf_entries.items():
        if key not in has_txt:
            zone.setdefault((key, "TXT"), []).extend(values)
    return zone, timeouts


def install(zone, timeouts):
    def lookup(name, qtype, strict=True, timeout=None):
        key = name.lower().rstrip(".")
        answers = [((name, qtype), v) for v in zone.get((key, qtype), [])]
        if not answers and key in timeouts:
            raise spf.TempError("DNS timeout for %s" % key)
        if not answers and qtype != "CNAME":
            for target in zone.get((key, "CNAME"), []):
                answers.append(((name, "CNAME"), target))
                answers += [((target, qtype), v) for v in zone.get((target.lower().rstrip("."), qtype), [])]
        return answers
    spf.DNSLookup = lookup


def time_ten_includes(iterations, repeats):
    zone, timeouts = ten_include_zone()
    install(zone, timeouts)
    best = None
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(iterations):
            q = spf.query(i="192.0.2.10", s="user@example.org", h="mail.example.org")
            result = q.check()[0]
        elapsed = (time.perf_counter() - start) / iterations
        assert result == "pass", result
        best = elapsed if best is None else min(best, elapsed)
    return best


def time_suite(repeats):
    scenarios = []
    for doc in yaml.safe_load_all(open(SUITE)):
        zone, timeouts = suite_zone(doc["zonedata"])
        scenarios.append((zone, timeouts, doc["tests"]))
    best, agreed, total = None, 0, 0
    for _ in range(repeats):
        agreed = total = 0
        start = time.perf_counter()
        for zone, timeouts, tests in scenarios:
            install(zone, timeouts)
            for test in tests.values():
                q = spf.query(i=test["host"], s=test["mailfrom"], h=test["helo"])
                q.set_default_explanation("DEFAULT")
                result = q.check()[0]
                expected = test["result"] if isinstance(test["result"], list) else [test["result"]]
                total += 1
                agreed += result in expected
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best, agreed, total


def run_bench(path):
    out = subprocess.run([path, "--benchmark_format=json", "--benchmark_min_time=0.5",
                          "--benchmark_filter=BM_TenIncludes|BM_ConformanceSuite"],
                         check=True, capture_output=True, text=True).stdout
    seconds = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}
    return {b["name"]: b["real_time"] * seconds[b["time_unit"]] for b in json.loads(out)["benchmarks"]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bench", help="path of bench_spf (Release build) to compare with")
    parser.add_argument("--iterations", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    ten = time_ten_includes(args.iterations, args.repeats)
    suite, agreed, total = time_suite(args.repeats)
    print("pyspf %s, Python %s" % (spf.__version__, sys.version.split()[0]))
    print("pyspf 10-include evaluation: %8.1f us" % (ten * 1e6))
    print("pyspf conformance suite:     %8.1f ms  (%d/%d results as the suite expects)" % (
        suite * 1e3, agreed, total))
    if not args.bench:
        return 0
    ours = run_bench(args.bench)
    for name, theirs in (("BM_TenIncludes/trace:0", ten), ("BM_TenIncludes/trace:1", ten),
                         ("BM_ConformanceSuite/trace:0", suite), ("BM_ConformanceSuite/trace:1", suite)):
        if name in ours:
            unit, scale = ("us", 1e6) if "Ten" in name else ("ms", 1e3)
            print("%-28s ours %8.2f %s, pyspf %8.2f %s: %5.1fx faster" % (
                name, ours[name] * scale, unit, theirs * scale, unit, theirs / ours[name]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
