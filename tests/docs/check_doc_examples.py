#!/usr/bin/env python3
"""Runs every JSON example of the documentation and checks it does what the text says.

Each ```json block of docs/*.md and README.md must be preceded by a marker line that says
what it is (docs/trace-format.md, "Examples in these documents", explains the convention):

  <!-- example: design [canonical] [name=NAME] -->
      A complete .mailtopo design. `mailtopo-cli validate` must load it and find no error.
      Every flow in it must state its outcome (expectedDisposition); `trace --all-flows`
      must end each flow that way, and its JSON must validate against the trace schema.
      `canonical`: tests/core/io/tst_io_schema also checks the block is byte-for-byte what
      MailTopo saves. `name=`: fragments can refer to it.
  <!-- example: fragment into=TARGET at=POINTER -->
      Part of a design: inserted at the JSON pointer (RFC 6902 "add": `/flows/-` appends)
      into TARGET, a design example's name or a repository path, the result must pass as a
      design example does (so a flow in a fragment must state its outcome too).
  <!-- example: trace [of=DESIGN flow=FLOW_ID] -->
      Trace JSON: it must validate against resources/schema/trace.schema.json. With `of=`
      and `flow=` it must be exactly what `mailtopo-cli trace DESIGN --flow FLOW_ID
      --format json` writes (MAILTOPO_UPDATE_GOLDENS=1 rewrites the block).
  <!-- example: illustration REASON -->
      Not runnable, for the REASON given (which is required).

A ```json block without a marker, a marker with an unknown kind, and a block of another
language (or none) that holds JSON (starts with { or [) all fail.

Usage: check_doc_examples.py REPO_ROOT MAILTOPO_CLI WORK_DIR
Needs the jsonschema module (Debian: python3-jsonschema).
"""

import json
import os
import pathlib
import re
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
from trace_schema_check import TraceSchema  # noqa: E402

MARKER = re.compile(r"^\s*<!--\s*example:\s*(.*?)\s*-->\s*$")
FENCE = re.compile(r"^(\s*)(```+|~~~+)\s*([^`\s]*)(.*)$")
KINDS = ("design", "fragment", "trace", "illustration")


class Block:
    def __init__(self, doc, line, info, marker, text, span):
        self.doc = doc            # path relative to the repository
        self.line = line          # 1-based line of the opening fence
        self.info = info          # the fence's language
        self.marker = marker      # the marker's text after "example:", or None
        self.text = text
        self.span = span          # (first, last) character offsets of the content in the doc

    @property
    def where(self):
        return f"{self.doc}:{self.line}"

    def args(self):
        words = self.marker.split()
        kind, flags, named = words[0], set(), {}
        for word in words[1:]:
            if "=" in word:
                key, value = word.split("=", 1)
                named[key] = value
            else:
                flags.add(word)
        return kind, flags, named


def blocks_of(root, relative):
    text = (root / relative).read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    offsets, total = [], 0
    for line in lines:
        offsets.append(total)
        total += len(line)
    out, i = [], 0
    while i < len(lines):
        opening = FENCE.match(lines[i].rstrip("\n"))
        if not opening:
            i += 1
            continue
        indent, fence, info = opening.group(1), opening.group(2), opening.group(3)
        j = i + 1
        while j < len(lines) and not lines[j].strip().startswith(fence):
            j += 1
        body = "".join(line[len(indent):] if line.startswith(indent) else line
                       for line in lines[i + 1:j])
        previous = i - 1
        while previous >= 0 and not lines[previous].strip():
            previous -= 1
        marker = None
        if previous >= 0 and previous == i - 1:
            found = MARKER.match(lines[previous])
            marker = found.group(1) if found else None
        end = offsets[j] if j < len(lines) else total
        out.append(Block(relative, i + 1, info, marker, body, (offsets[i + 1], end)))
        i = j + 1
    return out


def json_pointer_add(document, pointer, value):
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]
    target = document
    for part in parts[:-1]:
        target = target[int(part)] if isinstance(target, list) else target.setdefault(part, {})
    last = parts[-1]
    if isinstance(target, list):
        if last == "-":
            target.append(value)
        else:
            target.insert(int(last), value)
    else:
        target[last] = value


class Checker:
    def __init__(self, root, cli, work):
        self.root, self.cli, self.work = root, cli, work
        self.schema = TraceSchema(root)
        self.failures = 0
        self.designs = {}   # name= of design examples -> parsed JSON
        self.rewrites = {}  # doc -> [(span, new text)]
        self.counts = {kind: 0 for kind in KINDS}
        self.updating = os.environ.get("MAILTOPO_UPDATE_GOLDENS") == "1"

    def fail(self, block, message):
        print(f"FAIL {block.where}: {message}")
        self.failures += 1

    def run(self, *args):
        return subprocess.run([str(self.cli), *args], capture_output=True, text=True,
                              timeout=60)

    def check(self, block):
        if block.info != "json":
            if block.text.lstrip().startswith(("{", "[")):
                self.fail(block, f"a block of JSON fenced as '{block.info or '(none)'}': fence "
                                 "it ```json and mark it (see tests/docs/check_doc_examples.py)")
            return
        if block.marker is None:
            self.fail(block, "a ```json block without an <!-- example: KIND … --> line just "
                             f"above it; KIND is one of {', '.join(KINDS)}")
            return
        kind, flags, named = block.args()
        if kind not in KINDS:
            self.fail(block, f"unknown example kind '{kind}' (one of {', '.join(KINDS)})")
            return
        self.counts[kind] += 1
        if kind == "illustration":
            if not block.marker.split()[1:]:
                self.fail(block, "an illustration must say why it is not runnable")
            return
        try:
            document = json.loads(block.text)
        except ValueError as e:
            self.fail(block, f"not JSON: {e}")
            return
        if kind == "design":
            self.design(block, document, f"design-{block.line}", block.text)
        elif kind == "fragment":
            self.fragment(block, document, named)
        else:
            self.trace(block, document, named)

    def register(self, block):
        """Design examples with name= are targets of fragments anywhere in the docs."""
        if block.info != "json" or not block.marker:
            return
        kind, _, named = block.args()
        if kind == "design" and "name" in named:
            try:
                self.designs[named["name"]] = json.loads(block.text)
            except ValueError:
                pass  # reported when the block itself is checked

    def design(self, block, document, stem, text=None):
        # A block is written as it stands, so validate's line numbers are the block's own.
        path = self.work / f"{pathlib.Path(block.doc).stem}-{stem}.mailtopo"
        if text is None:
            text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        path.write_text(text, encoding="utf-8")
        result = self.run("validate", str(path))
        if result.returncode != 0:
            self.fail(block, f"mailtopo-cli validate exits {result.returncode}:\n"
                             f"{result.stdout}{result.stderr}")
            return
        flows = document.get("flows", [])
        unstated = [f.get("id") for f in flows if "expectedDisposition" not in f]
        if unstated:
            self.fail(block, f"flows {unstated} do not state their outcome "
                             "(expectedDisposition)")
        if not flows:
            return
        result = self.run("trace", str(path), "--all-flows", "--format", "json")
        try:
            traces = json.loads(result.stdout)
        except ValueError:
            self.fail(block, f"trace --all-flows wrote no JSON: {result.stderr}")
            return
        for problem in self.schema.problems(traces):
            self.fail(block, f"its trace JSON breaks the trace schema: {problem}")
        for flow, trace in zip(flows, traces):
            want, got = flow.get("expectedDisposition"), trace["disposition"]["kind"]
            if want and want != got:
                self.fail(block, f"flow {flow['id']} ends {got}, the example says {want}")

    def fragment(self, block, document, named):
        into, at = named.get("into"), named.get("at")
        if not into or not at:
            self.fail(block, "a fragment needs into=DESIGN and at=POINTER")
            return
        if into in self.designs:
            design = json.loads(json.dumps(self.designs[into]))
        elif (self.root / into).is_file():
            design = json.loads((self.root / into).read_text(encoding="utf-8-sig"))
        else:
            self.fail(block, f"into={into}: no design example of that name in the docs, and "
                             "no such file in the repository")
            return
        try:
            json_pointer_add(design, at, document)
        except (KeyError, IndexError, ValueError, TypeError) as e:
            self.fail(block, f"at={at}: cannot insert there: {e!r}")
            return
        self.design(block, design, f"fragment-{block.line}")

    def trace(self, block, document, named):
        for problem in self.schema.problems(document):
            self.fail(block, f"breaks the trace schema: {problem}")
        source, flow = named.get("of"), named.get("flow")
        if not source and not flow:
            return
        if not source or not flow:
            self.fail(block, "a trace example names both of=DESIGN and flow=FLOW_ID, or neither")
            return
        result = self.run("trace", str(self.root / source), "--flow", flow, "--format", "json")
        if result.returncode == 2:
            self.fail(block, f"trace {source} --flow {flow}: {result.stderr}")
            return
        if result.stdout == block.text:
            return
        if self.updating:
            self.rewrites.setdefault(block.doc, []).append((block.span, result.stdout))
            print(f"UPDATED {block.where}: the output of trace {source} --flow {flow}")
        else:
            self.fail(block, f"differs from `mailtopo-cli trace {source} --flow {flow} --format "
                             "json` (rerun with MAILTOPO_UPDATE_GOLDENS=1 to rewrite it)")

    def apply_rewrites(self):
        for doc, changes in self.rewrites.items():
            path = self.root / doc
            text = path.read_text(encoding="utf-8")
            for (first, last), new in sorted(changes, reverse=True):
                text = text[:first] + new + text[last:]
            path.write_text(text, encoding="utf-8")


def self_test(checker):
    """Every block of tests/docs/doc-examples-must-fail.md must fail the check."""
    fixture = "tests/docs/doc-examples-must-fail.md"
    probe = Checker(checker.root, checker.cli, checker.work)
    probe.designs = checker.designs
    probe.updating = False
    quiet = 0
    blocks = blocks_of(checker.root, fixture)
    for block in blocks:
        before = probe.failures
        with open(os.devnull, "w") as sink:
            stdout, sys.stdout = sys.stdout, sink
            try:
                probe.check(block)
            finally:
                sys.stdout = stdout
        if probe.failures == before:
            print(f"FAIL {block.where}: this wrong example passed the check")
            quiet += 1
    print(f"{len(blocks)} wrong examples in {fixture} refused")
    checker.failures += quiet


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    root = pathlib.Path(sys.argv[1]).resolve()
    checker = Checker(root, pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3]))
    checker.work.mkdir(parents=True, exist_ok=True)
    docs = sorted(p.relative_to(root).as_posix() for p in (root / "docs").glob("*.md"))
    docs.append("README.md")
    blocks = [block for doc in docs for block in blocks_of(root, doc)]
    for block in blocks:
        checker.register(block)
    total = 0
    for block in blocks:
        total += block.info == "json"
        checker.check(block)
    checker.apply_rewrites()
    self_test(checker)
    summary = ", ".join(f"{n} {kind}" for kind, n in checker.counts.items())
    print(f"{total} JSON examples in {len(docs)} documents: {summary}")
    if checker.counts["design"] == 0 or checker.counts["trace"] == 0:
        print("FAIL the docs hold no design or no trace example: the block search is broken")
        checker.failures += 1
    return 1 if checker.failures else 0


if __name__ == "__main__":
    sys.exit(main())
