#!/usr/bin/env bash
# Builds each seed story's design from nothing with `mailtopo-cli new` and `edit` (the
# storyN-*.sh scripts beside this file), then checks what `validate` finds and how
# `trace --all-flows` ends each flow, before and after the story's fix.
#
# Usage: run-stories.sh MAILTOPO_CLI OUTDIR [STORY ...]
#   STORY is a script's name without .sh (tutorial, story1-two-ip-skipassource …);
#   default: all.
# The designs are left in OUTDIR for a look in the GUI. Exit 1 when a story differs.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cli=${1:?usage: $0 MAILTOPO_CLI OUTDIR [STORY ...]}
out=${2:?usage: $0 MAILTOPO_CLI OUTDIR [STORY ...]}
shift 2
[ -x "$cli" ] || { echo "run-stories: $cli is not an executable mailtopo-cli" >&2; exit 2; }
python=${PYTHON:-python3}

check() {  # check DESIGN FINDINGS [FLOW_SPEC ...]
    local design=$1 findings=$2
    shift 2
    local flows=()
    for spec in "$@"; do flows+=(--flow "$spec"); done
    "$python" "$here/check_design.py" "$cli" "$out/$design" --findings "$findings" "${flows[@]}"
}

# What each design must give. Finding rule ids as `validate --list-rules` names them;
# flows as NAME=DISPOSITION with facts (see check_design.py).
expect_tutorial() {
    check tutorial.mailtopo "" \
        "SCANNER to EX01=relayed connector=rc-ex01-anonymous-relay"
    check tutorial-mistake.mailtopo "gateway-in-relay-range relay-scope-broad" \
        "SCANNER to EX01=relayed connector=rc-ex01-anonymous-relay"
}
expect_story1-two-ip-skipassource() {
    check story1-two-ip-skipassource.mailtopo "multi-a-registration source-ip-drift" \
        "EX13 to 203.0.113.25=delivered source=10.0.0.100" \
        "FAX to 10.0.0.100=delivered connector=rc-ex01-fax-10-0-0-100"
    check story1-two-ip-skipassource-fixed.mailtopo "" \
        "EX13 to 203.0.113.25=delivered source=10.0.0.200" \
        "FAX to 10.0.0.100=delivered connector=rc-ex01-fax-10-0-0-100"
}
expect_story2-smart-host() {
    check story2-smart-host.mailtopo "duhl-policy" \
        "EX01 to example.net=delivered hops=1"
    check story2-smart-host-spf-missing.mailtopo "duhl-policy spf-egress-not-authorized" \
        "EX01 to example.net=relayed hops=1"
    check story2-smart-host-fixed.mailtopo "duhl-policy" \
        "EX01 to example.net=delivered hops=2"
}
expect_story3-snat-vs-dsr() {
    check story3-snat-vs-dsr.mailtopo "client-ip-hidden-by-snat relay-via-lb-snat" \
        "APP relays through the VIP=relayed seen=10.0.0.5" \
        "WS77 relays through the VIP=relayed seen=10.0.0.5"
    check story3-snat-vs-dsr-fixed.mailtopo "" \
        "APP relays through the VIP=relayed seen=10.0.3.60" \
        "WS77 relays through the VIP=rejected seen=10.0.3.77 code=550"
}
expect_story4-gateway-internal-smtp-servers() {
    check story4-gateway-internal-smtp-servers.mailtopo "internal-smtp-servers-missing" \
        "example.org to the MX=delivered hops=2 origin=10.0.0.40" \
        "SPAMMER to the MX=delivered hops=2 origin=10.0.0.40"
    check story4-gateway-internal-smtp-servers-fixed.mailtopo "" \
        "example.org to the MX=delivered hops=2 origin=192.0.2.25" \
        "SPAMMER to the MX=rejected hops=2 origin=192.0.2.66"
}
expect_story5-coexistence-relay-ranges() {
    check story5-coexistence-relay-ranges.mailtopo "coexistence-auth-break relay-scope-broad" \
        "EX10 to a mailbox on EX13=queued-retry code=451 connector=rc-ex01-relay" \
        "APP relays through EX13=relayed connector=rc-ex01-relay"
    check story5-coexistence-relay-ranges-fixed.mailtopo "" \
        "EX10 to a mailbox on EX13=delivered" \
        "APP relays through EX13=relayed connector=rc-ex01-relay"
}

if [ $# -eq 0 ]; then
    set -- tutorial $(cd "$here" && ls story*.sh | sed 's/\.sh$//')
fi
failed=0
for story in "$@"; do
    [ -f "$here/$story.sh" ] || { echo "run-stories: no story $here/$story.sh" >&2; exit 2; }
    mkdir -p "$out"
    rm -f "$out/$story".mailtopo "$out/$story"-*.mailtopo
    if ! bash "$here/$story.sh" "$cli" "$out" >"$out/$story.log" 2>&1; then
        echo "$story: the script failed; its output:" >&2
        sed 's/^/  /' "$out/$story.log" >&2
        failed=1
        continue
    fi
    "expect_$story" || failed=1
done
exit $failed
