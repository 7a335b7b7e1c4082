#!/usr/bin/env bash
# Regenerates the reference tables of docs/user-guide.md from what mailtopo-cli itself lists,
# so the guide never drifts from the program:
#   the palette          `mailtopo-cli edit --list-palette`
#   the sub-elements     `mailtopo-cli edit --list-kinds` (as it prints it)
#   the findings         `mailtopo-cli validate --list-rules`
# Each table sits between "<!-- BEGIN GENERATED: COMMAND -->" and "<!-- END GENERATED -->".
#
# Usage: docs/update-reference.sh MAILTOPO_CLI [--check]
#   --check: change nothing; exit 1 (and show the difference) when the guide is out of date.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cli=${1:?usage: $0 MAILTOPO_CLI [--check]}
mode=${2:-update}
guide="$here/user-guide.md"
[ -x "$cli" ] || { echo "update-reference: $cli is not an executable mailtopo-cli" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The palette: "KEY<spaces>LABEL" per line.
"$cli" edit --list-palette >"$tmp/palette.txt"
{
    echo "| Palette key (\`edit --add KEY\`) | Element |"
    echo "| --- | --- |"
    sed -E 's/^([^ ]+) +(.*)$/| `\1` | \2 |/' "$tmp/palette.txt"
} >"$tmp/palette.md"

# The kinds and their templates, as the CLI lays them out.
{
    echo '```text'
    "$cli" edit --list-kinds
    echo '```'
} >"$tmp/kinds.md"

# The findings: "ID<TAB>SEVERITY<TAB>DOMAIN RULE<TAB>TITLE" per line.
"$cli" validate --list-rules >"$tmp/rules.tsv"
{
    echo "| Rule id | Severity | Domain rule | Title |"
    echo "| --- | --- | --- | --- |"
    awk -F '\t' '{ printf "| `%s` | %s | %s | %s |\n", $1, $2, $3, $4 }' "$tmp/rules.tsv"
} >"$tmp/rules.md"

# Replaces each generated block with the fresh table of its command.
awk -v palette="$tmp/palette.md" -v kinds="$tmp/kinds.md" -v rules="$tmp/rules.md" '
    function emit(file,   line) { while ((getline line < file) > 0) print line; close(file) }
    /^<!-- BEGIN GENERATED: / {
        print
        if (index($0, "--list-palette")) emit(palette)
        else if (index($0, "--list-kinds")) emit(kinds)
        else if (index($0, "--list-rules")) emit(rules)
        else { print "update-reference: unknown block: " $0 > "/dev/stderr"; exit 2 }
        skipping = 1
        next
    }
    /^<!-- END GENERATED -->/ { skipping = 0 }
    !skipping { print }
' "$guide" >"$tmp/guide.md"

for block in "edit --list-palette" "edit --list-kinds" "validate --list-rules"; do
    grep -q "^<!-- BEGIN GENERATED: mailtopo-cli $block -->" "$guide" ||
        { echo "update-reference: $guide has no block for mailtopo-cli $block" >&2; exit 2; }
done
if [ "$mode" = --check ]; then
    if ! diff -u "$guide" "$tmp/guide.md"; then
        echo "update-reference: docs/user-guide.md is out of date; run docs/update-reference.sh $cli" >&2
        exit 1
    fi
    echo "update-reference: the user guide's reference tables match $cli"
else
    cp "$tmp/guide.md" "$guide"
fi
