#!/usr/bin/env bash
# README command 1: install what is missing, build MailTopo (Release) and start the GUI on
# the bundled example design. Extra arguments are passed to the GUI (e.g. another file).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
packaging/dev/install-deps.sh
[ -f build/release/build.ninja ] || cmake --preset release >/dev/null
cmake --build --preset release
if [ $# -eq 0 ]; then set -- resources/examples/contoso.mailtopo; fi
exec build/release/app/mailtopo/mailtopo "$@"
