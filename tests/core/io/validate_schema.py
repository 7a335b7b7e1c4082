#!/usr/bin/env python3
"""Checks resources/schema/mailtopo.schema.json against real files.

1. The schema is a valid JSON Schema (draft 2020-12).
2. Every *.mailtopo under resources/examples, tests/scenarios and the fuzz seed corpus
   validates against it.
3. The malformed fixtures whose problem a schema can express are refused by it, so the
   schema is not vacuously permissive.

Usage: validate_schema.py REPO_ROOT
Needs the jsonschema module (Debian: python3-jsonschema).
"""

import json
import pathlib
import sys

from jsonschema import Draft202012Validator

# Fixtures in tests/data/malformed the schema must refuse. The others are either not
# JSON at all or wrong in a way a schema cannot see (a span whose start is after its
# end, a duplicate key, a number beyond a double).
MUST_FAIL = [
    "bad-address.mailtopo",
    "bad-binding.mailtopo",
    "bad-prefix.mailtopo",
    "missing-format.mailtopo",
    "missing-version.mailtopo",
    "newer-version.mailtopo",
    "not-an-object.mailtopo",
    "port-out-of-range.mailtopo",
    "unknown-enum.mailtopo",
    "unknown-key.mailtopo",
    "version-1-with-version-2-key.mailtopo",
    "wrong-format.mailtopo",
    "wrong-type.mailtopo",
]

VALID_DIRS = [
    "resources/examples",
    "tests/scenarios",
    "tests/fuzz/corpus/design",
    "tests/data/migration",
]


def load(path):
    # utf-8-sig: the reader accepts a UTF-8 byte order mark, so the check does too.
    with open(path, encoding="utf-8-sig") as f:
        return json.load(f)


def pointer(error):
    return "/" + "/".join(str(p) for p in error.absolute_path)


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    root = pathlib.Path(sys.argv[1])
    schema = load(root / "resources/schema/mailtopo.schema.json")
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    failures = 0

    checked = 0
    for folder in VALID_DIRS:
        for path in sorted((root / folder).rglob("*.mailtopo")):
            checked += 1
            try:
                document = load(path)
            except (ValueError, UnicodeDecodeError) as e:
                print(f"FAIL {path}: not JSON: {e}")
                failures += 1
                continue
            errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
            for error in errors[:10]:
                print(f"FAIL {path}: {pointer(error)}: {error.message[:300]}")
            failures += len(errors) > 0
    print(f"{checked} design files checked against the schema")

    for name in MUST_FAIL:
        path = root / "tests/data/malformed" / name
        if not validator.is_valid(load(path)):
            continue
        print(f"FAIL {path}: the schema accepts this malformed design")
        failures += 1
    print(f"{len(MUST_FAIL)} malformed fixtures checked to be refused")

    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
