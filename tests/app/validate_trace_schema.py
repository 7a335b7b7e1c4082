#!/usr/bin/env python3
"""Checks resources/schema/trace.schema.json against what mailtopo-cli really writes.

1. The schema is a valid JSON Schema (draft 2020-12).
2. `mailtopo-cli trace FILE --all-flows --format json` of every design in the repository
   (every *.mailtopo that loads and has flows: examples, scenarios, test data, the story
   designs) and of a small and a medium generated estate validates against it, and so does
   `--flow` of one flow per design (the single-trace form).
3. The trace goldens tests/app/golden/trace-*.json validate.
4. Documents the schema must refuse are refused, each at the JSON pointer that is wrong:
   an unknown key at the top, in a hop and in a step, an unknown disposition kind, a
   missing required key, a version that is not the integer the schema names.

Usage: validate_trace_schema.py REPO_ROOT MAILTOPO_CLI WORK_DIR
Needs the jsonschema module (Debian: python3-jsonschema).
"""

import copy
import json
import pathlib
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
from trace_schema_check import TraceSchema, load_json  # noqa: E402

# Folders whose designs are broken on purpose; a load failure there is expected. Anywhere
# else a design that does not load is a failure of this test.
MAY_NOT_LOAD = ("tests/data/malformed/", "tests/fuzz/")
SKIP_DIRS = (".git", "build")
SINGLE_FLOW_RUNS = 5


def designs(root):
    for path in sorted(root.rglob("*.mailtopo")):
        relative = path.relative_to(root).as_posix()
        if relative.split("/")[0] in SKIP_DIRS or relative.startswith("build"):
            continue
        yield path, relative


def run(cli, *args):
    return subprocess.run([str(cli), *args], capture_output=True, text=True, timeout=60)


class Check:
    def __init__(self, schema):
        self.schema = schema
        self.failures = 0

    def fail(self, message):
        print(f"FAIL {message}")
        self.failures += 1

    def document(self, name, document):
        problems = self.schema.problems(document)
        for problem in problems:
            self.fail(f"{name}: {problem}")
        return not problems


def add_estate_flows(path):
    """`generate` writes no flows; give the estate the ones its parts imply: every
    application host to the address it submits to, every Exchange server out through its
    send connectors, the internet sender to every inbound NAT address (relay attempt)."""
    design = load_json(path)
    domain = design["organization"]["acceptedDomains"][0]["domainName"]
    flows = []

    def flow(source, destination, port, mail_from, rcpt):
        flows.append({"id": f"f-{len(flows) + 1}", "source": source, "destination": destination,
                      "port": port, "mailFrom": mail_from, "rcptTo": [rcpt]})

    for host in design["hosts"]:
        smtp = host.get("smtp", {})
        if host.get("kind") == "application-client" and "submitTo" in smtp:
            address, port = smtp["submitTo"].rsplit(":", 1)
            flow(host["id"], address, int(port), smtp.get("mailFrom", ""), "a@example.net")
        elif host.get("kind") == "exchange-server":
            flow(host["id"], "mx:fabrikam.example", 25, f"a@{domain}", "b@fabrikam.example")
    for firewall in design.get("firewalls", []):
        for nat in firewall.get("inboundNat", []):
            flow("internet-sender", nat["publicAddress"], nat.get("publicPort", 25),
                 "x@fabrikam.example", "victim@example.org")
    design["flows"] = flows
    path.write_text(json.dumps(design, indent=2) + "\n", encoding="utf-8")
    return len(flows)


def trace_designs(check, cli, root, work):
    generated = []
    for size, args in (("small", ["--servers", "2", "--servers-per-site", "2"]),
                       ("medium", ["--servers", "12", "--servers-per-site", "4", "--seed", "7"])):
        out = work / f"estate-{size}.mailtopo"
        result = run(cli, "generate", *args, "-o", str(out))
        if result.returncode != 0:
            check.fail(f"generate {size}: exit {result.returncode}: {result.stderr.strip()}")
            continue
        print(f"generated {size} estate with {add_estate_flows(out)} flows")
        generated.append((out, f"(generated {size} estate)"))

    traced = no_flows = refused = 0
    for path, name in list(designs(root)) + generated:
        result = run(cli, "trace", str(path), "--all-flows", "--format", "json")
        if result.returncode == 2:
            if "the design has no flows" in result.stderr:
                no_flows += 1
            elif name.startswith(MAY_NOT_LOAD):
                refused += 1
            else:
                check.fail(f"{name}: trace exit 2: {result.stderr.strip()[:300]}")
            continue
        try:
            traces = json.loads(result.stdout)
        except ValueError as e:
            check.fail(f"{name}: trace --all-flows wrote no JSON: {e}")
            continue
        traced += 1
        if not isinstance(traces, list) or not traces:
            check.fail(f"{name}: --all-flows must write a non-empty array")
            continue
        check.document(f"{name} (--all-flows)", traces)
        if traced > SINGLE_FLOW_RUNS:
            continue  # the single-trace form is the same writer; a few runs prove it
        flow_id = traces[0].get("flowId", "")
        single = run(cli, "trace", str(path), "--flow", flow_id, "--format", "json")
        try:
            check.document(f"{name} (--flow {flow_id})", json.loads(single.stdout))
        except ValueError as e:
            check.fail(f"{name}: trace --flow {flow_id} wrote no JSON: {e}")
    print(f"{traced} designs traced and validated ({no_flows} without flows, "
          f"{refused} malformed on purpose)")
    if traced < 25:
        check.fail(f"only {traced} designs traced: the search for designs is broken")


def goldens(check, root):
    paths = sorted((root / "tests/app/golden").glob("trace-*.json"))
    for path in paths:
        check.document(path.relative_to(root).as_posix(), load_json(path))
    print(f"{len(paths)} trace goldens validated")
    if not paths:
        check.fail("no tests/app/golden/trace-*.json found")


def first_step(trace):
    for hop_index, hop in enumerate(trace["hops"]):
        for leg_index, leg in enumerate(hop["legs"]):
            if leg["steps"]:
                return f"/hops/{hop_index}/legs/{leg_index}/steps/0", leg["steps"][0]
    raise ValueError("the trace has no step")


def refusals(check, root):
    """Each mutation of a valid trace must be refused, and reported at the expected pointer."""
    base = load_json(root / "tests/app/golden/trace-e06-vip.json")
    if not check.schema.validator.is_valid(base):
        check.fail("trace-e06-vip.json must be valid to serve as the base of the refusals")
        return

    def unknown_top(t):
        t["color"] = "red"
        return "/color: unknown property 'color' (add it to $defs/Trace"

    def unknown_in_hop(t):
        t["hops"][0]["verdict"] = "ok"
        return "/hops/0/verdict: unknown property 'verdict' (add it to $defs/Hop"

    def unknown_in_step(t):
        at, step = first_step(t)
        step["verdict"] = "pass"
        return f"{at}/verdict: unknown property 'verdict' (add it to $defs/Step"

    def unknown_in_packet(t):
        at, step = first_step(t)
        step["before"]["ttl"] = 64
        return f"{at}/before/ttl: unknown property 'ttl' (add it to $defs/Packet"

    def wrong_disposition_kind(t):
        t["disposition"]["kind"] = "bounced"
        return "/disposition/kind: 'bounced' is not one of"

    def wrong_step_kind(t):
        at, step = first_step(t)
        step["kind"] = "Route"
        return f"{at}/kind: 'Route' is not one of"

    def wrong_leg_name(t):
        t["hops"][0]["legs"][0]["name"] = "syn"
        return "/hops/0/legs/0/name: 'syn' is not one of"

    def missing_disposition(t):
        del t["disposition"]
        return "/: 'disposition' is a required property"

    def missing_step_rule(t):
        at, step = first_step(t)
        del step["rule"]
        return f"{at}: 'rule' is a required property"

    def version_as_string(t):
        t["version"] = "1"
        return "/version: '1' is not of type 'integer'"

    def version_missing(t):
        del t["version"]
        return "/: 'version' is a required property"

    def version_unknown(t):
        t["version"] = 99
        return "/version: 1 was expected"

    def port_as_string(t):
        t["hops"][0]["port"] = "25"
        return "/hops/0/port: '25' is not of type 'integer'"

    def unknown_in_array_member(t):
        t["hops"][0]["color"] = "red"
        return "/0/hops/0/color: unknown property 'color'"

    cases = [unknown_top, unknown_in_hop, unknown_in_step, unknown_in_packet,
             wrong_disposition_kind, wrong_step_kind, wrong_leg_name, missing_disposition,
             missing_step_rule, version_as_string, version_missing, version_unknown,
             port_as_string]
    for case in cases:
        document = copy.deepcopy(base)
        expected = case(document)
        problems = check.schema.problems(document)
        if not problems:
            check.fail(f"refusal {case.__name__}: the schema accepts it")
        elif not any(p.startswith(expected) for p in problems):
            check.fail(f"refusal {case.__name__}: expected '{expected}…', got {problems}")
    # The same inside an --all-flows array: the pointer starts with the trace's index.
    document = [copy.deepcopy(base)]
    expected = unknown_in_array_member(document[0])
    problems = check.schema.problems(document)
    if not any(p.startswith(expected) for p in problems):
        check.fail(f"refusal in an array: expected '{expected}…', got {problems}")
    print(f"{len(cases) + 1} invalid traces refused at the right pointer")


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    root = pathlib.Path(sys.argv[1]).resolve()
    cli = pathlib.Path(sys.argv[2])
    work = pathlib.Path(sys.argv[3])
    work.mkdir(parents=True, exist_ok=True)
    check = Check(TraceSchema(root))
    trace_designs(check, cli, root, work)
    goldens(check, root)
    refusals(check, root)
    return 1 if check.failures else 0


if __name__ == "__main__":
    sys.exit(main())
