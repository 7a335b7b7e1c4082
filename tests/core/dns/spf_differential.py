#!/usr/bin/env python3
"""Differential test: MailTopo's SPF evaluator against python3-spf (pyspf) on generated data.

A fixed seed generates a few hundred random but valid SPF scenarios (zone data with SPF
records using every mechanism and modifier, macros, MX/PTR/A/AAAA data, missing names and
timeouts, plus some deliberate syntax errors). pyspf evaluates each one with its DNS
replaced by a lookup into the generated data (spf.DNSLookup, the hook pyspf's own test
runner uses); spf_differential_driver evaluates the same data with our code. Every result
must agree, and for "fail" the explanation too (ignoring case: pyspf writes IPv6 %{i}
nibbles in upper case, RFC 7208 §7.4 and we in lower case).

pyspf differs from RFC 7208 in a few places that the generator steers around on purpose
(they are not evaluator bugs on either side; each is covered by the conformance suite or
our unit tests instead):
  * it counts redirect= against the 10-lookup limit when it parses the record, not when the
    redirect is taken -> scenarios with redirect= keep the worst-case lookup count <= 10;
  * it looks up every MX host (and validates every PTR name) before matching, and counts
    their empty answers as void lookups -> MX and PTR targets always have A and AAAA records
    and never time out;
  * a DNS error on the PTR lookup is temperror for pyspf, no-match for RFC 7208 §5.5 -> no
    timeouts on reverse names;
  * %{p} is computed once per query with the domain of first use -> %{p} is not generated;
  * macro delimiters rejoin with the original character except for l and s -> custom
    delimiters only on %{l};
  * a CNAME to a name without the asked type counts two void lookups -> no CNAMEs here.

Exit status: 0 all agree, 1 disagreements (listed), 77 pyspf not importable (skip).
"""

import argparse
import ipaddress
import json
import os
import random
import subprocess
import sys
import tempfile

try:
    import spf  # Debian package python3-spf
except ImportError:
    print("SKIP: python3-spf (module 'spf') is not importable by %s" % sys.executable)
    sys.exit(77)

V4 = ["192.0.2.%d" % n for n in (1, 2, 3, 10, 77, 200)] + ["198.51.100.%d" % n for n in (5, 9)]
V6 = ["2001:db8::1", "2001:db8::77", "2001:db8:1::5", "2001:db8:ff::9"]
QUALIFIERS = ["", "", "", "+", "-", "~", "?"]
SYNTAX_ERRORS = ["moo", "a:foo", "ip4:192.0.2.999", "-all:x", "ip6:2001:db8::zz", "a/33",
                 "mx//129", "include", "exists", "ptr/0", "redirect:x.example.com",
                 "1bad=mod", "a:%{x}.example.com", "exp=", "ip4:192.0.2.1//24"]


class Scenario:
    def __init__(self, rng, case_id, small):
        self.rng = rng
        self.id = case_id
        self.small = small  # redirect= allowed, worst-case lookups kept <= 10
        self.records = []   # (name, type, value)
        self.timeouts = ["slow.example.com"]
        self.domains = ["d%d.example.com" % n for n in range(6)]
        self.hosts = ["mail.d0.example.com", "mx.d1.example.com", "h2.example.com",
                      "h3.example.com", "mail.d2.example.com", "relay.example.net"]

    def add(self, name, rtype, value):
        self.records.append((name, rtype, value))

    def pick(self, seq):
        return self.rng.choice(seq)

    def address_data(self):
        for host in self.hosts:
            for address in self.rng.sample(V4, self.rng.randint(1, 2)):
                self.add(host, "A", address)
            self.add(host, "AAAA", self.pick(V6))
        for address in V4 + V6:
            if self.rng.random() < 0.5:
                reverse = ipaddress.ip_address(address).reverse_pointer
                for target in self.rng.sample(self.hosts, self.rng.randint(1, 3)):
                    self.add(reverse, "PTR", target)
        for address in V4:
            if self.rng.random() < 0.3:
                self.add(spf.reverse_dots(address) + ".list.example.com", "A", "127.0.0.2")
        for local in ("alice", "bob"):
            if self.rng.random() < 0.5:
                self.add(local + ".users.example.com", "A", "127.0.0.2")

    def mechanism(self, domain, allow_include):
        kind = self.rng.choices(
            ["ip4", "ip6", "a", "mx", "include", "exists", "ptr", "all"],
            weights=[5, 3, 4, 3, 3 if allow_include else 0, 2, 1, 1])[0]
        q = self.pick(QUALIFIERS)
        other = self.pick([d for d in self.domains if d != domain] + ["gone.example.com"])
        if kind == "ip4":
            length = self.pick(["", "/32", "/30", "/24", "/16", "/0"])
            return q + "ip4:" + self.pick(V4) + length
        if kind == "ip6":
            length = self.pick(["", "/128", "/64", "/48", "/32"])
            return q + "ip6:" + self.pick(V6) + length
        if kind in ("a", "mx"):
            named = self.pick(self.hosts) if kind == "a" else other
            target = self.pick(["", ":" + named, ":" + other, ":%{d}", ":slow.example.com",
                                ":gone.example.com"])
            cidr = self.pick(["", "", "/24", "/30", "//64", "/24//48"])
            return q + kind + target + cidr
        if kind == "include":
            return q + "include:" + self.pick([other, other, "slow.example.com", "%{d2}"])
        if kind == "exists":
            return q + "exists:" + self.pick(["%{ir}.list.example.com", "%{l}.users.example.com",
                                              "%{l1r.}.users.example.com", self.pick(self.hosts),
                                              "gone.example.com", "slow.example.com"])
        if kind == "ptr":
            return q + "ptr" + self.pick(["", ":example.com", ":" + domain, ":example.net"])
        return q + "all"

    def record(self, domain, allow_include):
        terms = [self.mechanism(domain, allow_include) for _ in range(self.rng.randint(1, 5))]
        if self.rng.random() < 0.4:
            terms.append(self.pick(["-all", "~all", "?all", "+all"]))
        if self.rng.random() < 0.3:
            exp = "exp." + domain
            terms.insert(self.rng.randint(0, len(terms)), "exp=" + exp)
            self.add(exp, "TXT", [self.pick([
                "%{l} may not send from %{c}", "Not allowed: %{s} via %{h}",
                "see http://example.com/why?d=%{D}&l=%{L}", "%{o} rejects %{v} client %{i}",
                "two strings ", "%{x} is broken"])])
        if self.small and self.rng.random() < 0.3:
            terms.append("redirect=" + self.pick([d for d in self.domains if d != domain]))
        if self.rng.random() < 0.15:
            terms.append(self.pick(["foo=bar", "x-tag=%{d}", "default=+"]))
        if self.rng.random() < 0.06:
            terms.insert(self.rng.randint(0, len(terms)), self.pick(SYNTAX_ERRORS))
        text = "v=spf1 " + " ".join(terms)
        if self.rng.random() < 0.2:  # split into several character-strings
            cut = self.rng.randint(1, len(text) - 1)
            return [text[:cut], text[cut:]]
        return [text]

    def build(self):
        self.address_data()
        for index, domain in enumerate(self.domains):
            roll = self.rng.random()
            if roll < 0.08:
                continue  # NXDOMAIN
            if roll < 0.14:
                self.add(domain, "TXT", ["google-site-verification=xyz"])
                continue
            self.add(domain, "TXT", self.record(domain, allow_include=index < 5))
            if self.rng.random() < 0.03:
                self.add(domain, "TXT", ["v=spf1 -all"])  # two SPF records
            if self.rng.random() < 0.3:
                self.add(domain, "TXT", ["unrelated text"])
            for _ in range(self.rng.choice([0, 1, 1, 2, 3] + ([11] if self.rng.random() < 0.05 else []))):
                self.add(domain, "MX", [self.rng.randint(0, 50), self.pick(self.hosts)])
            if self.rng.random() < 0.5:
                self.add(domain, "A", self.pick(V4))
            if self.rng.random() < 0.3:
                self.add(domain, "AAAA", self.pick(V6))
        mapped = self.rng.random() < 0.05
        self.ip = self.pick(V4 + V6 + ["203.0.113.50", "2001:db8:dead::1"])
        if mapped:
            self.ip = "::ffff:" + self.pick(V4)
        local = self.pick(["alice", "bob", "carol", "first.last", "a+b", "x-y-z"])
        self.helo = self.pick(self.hosts + ["d0.example.com"])
        self.mailfrom = "" if self.rng.random() < 0.1 else local + "@" + self.pick(self.domains[:3])

    def zone(self):
        table = {}
        for name, rtype, value in self.records:
            table.setdefault(name.lower(), []).append((rtype, value))
        return table

    def worst_case_lookups(self, start):
        """Upper bound of DNS-lookup terms when evaluating `start` (None on a cycle)."""
        zone = self.zone()

        def bound(domain, stack):
            if domain in stack:
                return None
            total = 0
            for rtype, value in zone.get(domain, []):
                if rtype != "TXT":
                    continue
                text = "".join(value)
                if not text.lower().startswith("v=spf1"):
                    continue
                for term in text.split(" ")[1:]:
                    name = term.lstrip("+-~?").lower()
                    if name.startswith(("a", "mx", "ptr", "exists")) and not name.startswith("all"):
                        total += 1
                    if name.startswith(("include:", "redirect=")):
                        total += 1
                        target = term.split(":" if name.startswith("include") else "=", 1)[1]
                        if "%" in target:
                            return None
                        inner = bound(target.lower().rstrip("."), stack | {domain})
                        if inner is None:
                            return None
                        total += inner
            return total

        return bound(start, frozenset())


def run_pyspf(scenario):
    zone = scenario.zone()
    timeouts = set(scenario.timeouts)

    def lookup(name, qtype, strict=True, timeout=None):
        key = name.lower().rstrip(".")
        if key in timeouts:
            raise spf.TempError("DNS timeout for %s" % key)
        answers = []
        for rtype, value in zone.get(key, []):
            if rtype != qtype:
                continue
            if rtype == "TXT":
                value = [s.encode("utf-8") for s in value]
            elif rtype == "MX":
                value = (value[0], value[1])
            answers.append(((name, rtype), value))
        return answers

    spf.DNSLookup = lookup
    q = spf.query(i=scenario.ip, s=scenario.mailfrom, h=scenario.helo)
    q.set_default_explanation("DEFAULT")
    result, _code, explanation = q.check()
    return result, explanation


def generate(seed, count):
    rng = random.Random(seed)
    scenarios = []
    attempts = 0
    while len(scenarios) < count:
        attempts += 1
        small = len(scenarios) % 2 == 0
        s = Scenario(rng, len(scenarios), small)
        s.build()
        if small:
            start = s.mailfrom.split("@", 1)[1] if s.mailfrom else s.helo
            bound = s.worst_case_lookups(start)
            if bound is None or bound > 10:
                continue
        scenarios.append(s)
    return scenarios, attempts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--driver", required=True, help="path of spf_differential_driver")
    parser.add_argument("--seed", type=int, default=7208)
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--keep", help="write the generated cases to this file")
    args = parser.parse_args()

    scenarios, attempts = generate(args.seed, args.count)
    expected = {}
    for s in scenarios:
        expected[s.id] = run_pyspf(s)

    cases = [{"id": s.id, "ip": s.ip, "mailfrom": s.mailfrom, "helo": s.helo,
              "records": [list(r) for r in s.records], "timeouts": s.timeouts} for s in scenarios]
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(cases, f)
        path = f.name
    if args.keep:
        with open(args.keep, "w") as k:
            json.dump(cases, k, indent=1)
    try:
        out = subprocess.run([args.driver, path], check=True, capture_output=True, text=True).stdout
    finally:
        os.unlink(path)
    ours = {r["id"]: r for r in json.loads(out)}

    disagreements = []
    tally = {}
    for s in scenarios:
        theirs, their_exp = expected[s.id]
        mine = ours[s.id]
        tally[theirs] = tally.get(theirs, 0) + 1
        if mine["result"] != theirs:
            disagreements.append((s, "result: ours %s, pyspf %s (%s)" % (mine["result"], theirs, mine["reason"])))
        elif theirs == "fail" and mine["explanation"].lower() != their_exp.lower():
            disagreements.append((s, "explanation: ours %r, pyspf %r" % (mine["explanation"], their_exp)))

    print("seed %d: %d scenarios (%d generated), pyspf results %s" % (
        args.seed, len(scenarios), attempts, json.dumps(dict(sorted(tally.items())))))
    for s, why in disagreements[:20]:
        print("DISAGREE case %d: %s" % (s.id, why))
        print("  ip=%s mailfrom=%r helo=%s" % (s.ip, s.mailfrom, s.helo))
        for record in s.records:
            if record[1] in ("TXT", "MX"):
                print("  ", record)
    if disagreements:
        print("%d of %d scenarios disagree" % (len(disagreements), len(scenarios)))
        return 1
    # Guard against a generator that stopped exercising the evaluator.
    if len(tally) < 6:
        print("too few distinct results %s: the generator needs attention" % sorted(tally))
        return 1
    print("all %d scenarios agree" % len(scenarios))
    return 0


if __name__ == "__main__":
    sys.exit(main())
