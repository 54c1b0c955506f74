#!/usr/bin/env bash
# ctest Package.DesktopFilesAreValid: the desktop file, the AppStream metadata and the
# MIME type validate, and motor.1 documents every command `motor --help` lists.
# usage: check-desktop-files.sh INSTALLER_DIR CONFIGURED_METAINFO MOTOR_BINARY
# Exit 77 (skipped) when a validator is not installed (installer/install-deps.sh adds them).
set -euo pipefail
dir="$1" metainfo="$2" motor="$3"
for tool in desktop-file-validate appstreamcli xmllint; do
  if ! command -v "$tool" >/dev/null; then
    echo "skipped: $tool is not installed" >&2
    exit 77
  fi
done
desktop-file-validate "$dir/motor-studio.desktop"
appstreamcli validate --no-net "$metainfo"
xmllint --noout "$dir/motor-studio-mime.xml"
grep -q '^MimeType=application/x-motor-project;$' "$dir/motor-studio.desktop"
grep -q 'glob pattern="\*.motor"' "$dir/motor-studio-mime.xml"
grep -q '^Exec=motor-studio %f$' "$dir/motor-studio.desktop"

# Every command in `motor --help` has an entry in the man page.
missing=0
while read -r cmd; do
  if ! grep -q "^\.BI \"$cmd " "$dir/man/motor.1"; then
    echo "motor.1 does not document 'motor $cmd'" >&2
    missing=1
  fi
done < <("$motor" --help | awk '/^  [a-z]/ { name = substr($0, 3, 22); sub(/ +$/, "", name); print name }')
[ "$missing" -eq 0 ]
echo "desktop file, metainfo, MIME type and man page: ok"
