#!/usr/bin/env python3
"""Checks what mailtopo-cli says about one design against what a story expects.

    check_design.py CLI DESIGN --findings "RULE ..." [--flow "NAME=DISPOSITION [KEY=VALUE ...]"]...

--findings lists the rule ids `validate --format json` must report, each as often as it is
reported ("" for none); the order does not matter. Each --flow names a flow of the design by
its name and the disposition `trace --all-flows --format json` must end it with, optionally
followed by facts about its hops:
  source=IP   the address the sender chose on the first hop (R2)
  seen=IP     the source the server saw on the last hop (after NAT and load balancers)
  origin=IP   the originating IP Exchange's anti-spam judged on the last hop (R30)
  code=N      the SMTP reply code of the disposition (250, 451, 550 …)
  hops=N      the number of SMTP hops the message took
  connector=ID  the receive connector that took the last hop
Every flow of the design must be listed, so a new flow is a deliberate change.
Prints each difference and exits 1 when there is one; exits 2 when the CLI fails.
"""

import argparse
import json
import subprocess
import sys


def run_json(command):
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode not in (0, 1):
        sys.stderr.write(result.stderr)
        raise SystemExit(f"check_design: '{' '.join(command)}' exited {result.returncode}")
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError as error:
        raise SystemExit(f"check_design: '{' '.join(command)}' gave no JSON: {error}")


def hop_facts(trace):
    hops = trace.get("hops", [])
    first = hops[0] if hops else {}
    last = hops[-1] if hops else {}
    disposition = trace.get("disposition", {})
    return {
        "source": first.get("chosenSource", ""),
        "seen": last.get("seenSource", ""),
        "origin": last.get("originatingIp", ""),
        "code": str(disposition.get("smtpCode", "")),
        "hops": str(len(hops)),
        "connector": last.get("receiveConnector", ""),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("cli")
    parser.add_argument("design")
    parser.add_argument("--findings", required=True)
    parser.add_argument("--flow", action="append", default=[])
    args = parser.parse_args()
    name = args.design.rsplit("/", 1)[-1]
    problems = []

    report = run_json([args.cli, "validate", args.design, "--format", "json", "--fail-on", "never"])
    found = sorted(f["rule"] for f in report["findings"])
    expected = sorted(args.findings.split())
    if found != expected:
        problems.append(f"findings: expected [{', '.join(expected)}], got [{', '.join(found)}]")
        for f in report["findings"]:
            if f["rule"] not in expected:
                problems.append(f"  unexpected {f['severity']} {f['rule']}: {f['message']}")

    traces = {t["flowName"]: t for t in run_json(
        [args.cli, "trace", args.design, "--all-flows", "--format", "json"])}
    listed = set()
    for spec in args.flow:
        flow, _, rest = spec.partition("=")
        words = rest.split()
        if not words:
            raise SystemExit(f"check_design: --flow '{spec}' needs NAME=DISPOSITION")
        listed.add(flow)
        trace = traces.get(flow)
        if trace is None:
            problems.append(f"flow '{flow}': not in the design (flows: {', '.join(sorted(traces))})")
            continue
        kind = trace["disposition"]["kind"]
        if kind != words[0]:
            problems.append(f"flow '{flow}': expected {words[0]}, got {kind} "
                            f"({trace['disposition'].get('text', '')})")
        facts = hop_facts(trace)
        for fact in words[1:]:
            key, _, value = fact.partition("=")
            if key not in facts:
                raise SystemExit(f"check_design: unknown fact '{key}' in --flow '{spec}'")
            if facts[key] != value:
                problems.append(f"flow '{flow}': expected {key}={value}, got {key}={facts[key]}")
    for flow in sorted(set(traces) - listed):
        problems.append(f"flow '{flow}': not expected by the story "
                        f"({traces[flow]['disposition']['kind']})")

    for problem in problems:
        print(f"{name}: {problem}")
    if not problems:
        print(f"{name}: {len(found)} finding(s) and {len(traces)} flow(s) as expected")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
