"""Validation against resources/schema/trace.schema.json, shared by the tests that check
trace JSON (tests/app/validate_trace_schema.py, tests/docs/check_doc_examples.py).

Each problem is reported as "JSON-POINTER: message". An unknown key is reported at its own
pointer ("/hops/0/legs/1/steps/2/result") and names the $defs entry that would have to list
it, so whoever adds a field to the trace sees where the schema needs it.
Needs the jsonschema module (Debian: python3-jsonschema).
"""

import json
import pathlib

from jsonschema import Draft202012Validator

SCHEMA_PATH = "resources/schema/trace.schema.json"


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


class TraceSchema:
    def __init__(self, root):
        self.schema = load_json(pathlib.Path(root) / SCHEMA_PATH)
        Draft202012Validator.check_schema(self.schema)
        self.validator = Draft202012Validator(self.schema)

    def def_name(self, subschema):
        for name, definition in self.schema.get("$defs", {}).items():
            if definition is subschema or definition == subschema:
                return name
        return "(root)"

    def problems(self, document, limit=20):
        """Every way `document` breaks the schema, deepest path first within a place."""
        out = []
        errors = sorted(self.validator.iter_errors(document),
                        key=lambda e: [str(p) for p in e.absolute_path])
        for error in errors:
            where = pointer(error.absolute_path)
            if error.validator == "additionalProperties" and isinstance(error.instance, dict):
                known = set(error.schema.get("properties", {}))
                for key in sorted(set(error.instance) - known):
                    out.append(f"{pointer(list(error.absolute_path) + [key])}: unknown property "
                               f"'{key}' (add it to $defs/{self.def_name(error.schema)} in "
                               f"{SCHEMA_PATH} and to docs/trace-format.md)")
            else:
                out.append(f"{where}: {error.message[:300]}")
        return out[:limit]


def pointer(path):
    parts = [str(p).replace("~", "~0").replace("/", "~1") for p in path]
    return "/" + "/".join(parts)
