#!/usr/bin/env bash
# Builds the .deb from a configured, built tree (default build/release), checks its
# metadata and contents, installs it with apt, smoke-tests the installed binaries (version,
# a PDF report, the GUI's screenshot mode, the registered MIME type) and removes it again.
# Needs root or sudo (it installs a package). Called by packaging/dev/test.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="$(cd "${1:-$root/build/release}" && pwd)"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

fail() { echo "check-deb: $*" >&2; exit 1; }

rm -f "$build"/mailtopo_*.deb
(cd "$build" && cpack -G DEB >/dev/null) || fail "cpack failed"
deb="$(ls "$build"/mailtopo_*.deb)"
echo "check-deb: built $(basename "$deb")" >&2

info="$(dpkg-deb --info "$deb")"
grep -q "Depends:.*qt6-qpa-plugins" <<<"$info" || fail "Depends lacks qt6-qpa-plugins"
grep -q "Depends:.*libqt6widgets6" <<<"$info" || fail "Depends lacks the Qt libraries (shlibdeps)"
contents="$(dpkg-deb --contents "$deb")"
for f in usr/bin/mailtopo usr/bin/mailtopo-cli usr/share/applications/mailtopo.desktop \
         usr/share/mime/packages/mailtopo.xml usr/share/icons/hicolor/scalable/apps/mailtopo.svg \
         usr/share/mailtopo/examples/contoso.mailtopo usr/share/doc/mailtopo/copyright \
         usr/share/doc/mailtopo/user-guide.md usr/share/doc/mailtopo/file-format.md; do
  grep -q "\./$f\$" <<<"$contents" || fail "$f is not in the package"
done

cleanup() { $sudo env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq mailtopo >/dev/null 2>&1 || true; }
trap cleanup EXIT
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb" \
  >/dev/null || fail "apt-get install $deb failed"

tmp="$(mktemp -d)"
trap 'cleanup; rm -rf "$tmp"' EXIT
[ "$(/usr/bin/mailtopo-cli --version)" = "mailtopo-cli $(dpkg-deb -f "$deb" Version)" ] \
  || fail "/usr/bin/mailtopo-cli --version does not give the package version"
/usr/bin/mailtopo-cli report /usr/share/mailtopo/examples/contoso.mailtopo -o "$tmp/report.pdf" \
  >/dev/null || fail "the installed mailtopo-cli could not write a report"
pages="$(pdfinfo "$tmp/report.pdf" | awk '/^Pages:/ {print $2}')"
[ "${pages:-0}" -ge 6 ] || fail "the installed report has ${pages:-no} pages"
QT_QPA_PLATFORM=offscreen /usr/bin/mailtopo /usr/share/mailtopo/examples/contoso.mailtopo \
  --screenshot "$tmp/gui.png" || fail "the installed GUI could not start"
[ -s "$tmp/gui.png" ] || fail "the installed GUI wrote no screenshot"
# The user guide is installed with every picture it shows.
guide=/usr/share/doc/mailtopo/user-guide.md
[ -s "$guide" ] || fail "$guide is missing or empty"
images=0
for image in $(grep -o '](images/[^)]*\.png)' "$guide" | sed 's/^](//; s/)$//' | sort -u); do
  [ -s "/usr/share/doc/mailtopo/$image" ] || fail "the user guide shows $image, which is not installed"
  images=$((images + 1))
done
if command -v update-mime-database >/dev/null; then
  grep -q "application/x-mailtopo" /usr/share/mime/globs2 \
    || fail "application/x-mailtopo is not registered for *.mailtopo"
fi
echo "check-deb: installed $(basename "$deb"): --version, report ($pages pages), GUI, MIME type and user guide ($images pictures) OK" >&2
