#!/usr/bin/env bash
# Installs the MOTOR Studio .deb into a fresh Debian 12 system and uses it there; then
# purges it and checks that nothing is left behind.
#
#   installer/test-package.sh BUILD_DIR [PACKAGE.deb]
#
# BUILD_DIR/package-test/ holds the test system: a debootstrapped Debian 12 (minbase) from
# the mirror this machine's apt uses, kept as a tarball so later runs start from the same
# pristine root (MOTOR_PACKAGE_TEST_FRESH=1 debootstraps anew). In that root, as an
# ordinary user with a fresh home, with nothing of the source or build tree visible:
#   apt-get install ./motor-studio_*.deb     (--no-install-recommends: Depends must suffice)
#   motor demo, motor eval, motor predict --backend baseline, models inspect by name
#   motor-studio --screenshot under Xvfb (clip playback through GStreamer included)
#   runtime files only in the user's XDG directories, nothing beside the binaries
#   apt-get purge + autoremove: the file list of the root equals the one before install
# Needs root (debootstrap, chroot, mounts), debootstrap and network access to the mirror.
# The log is BUILD_DIR/package-test/test-package.log; the screenshot beside it.
set -euo pipefail

build="$(cd "${1:?usage: test-package.sh BUILD_DIR [PACKAGE.deb]}" && pwd)"
deb="${2:-$(ls -t "$build"/motor-studio_*.deb 2>/dev/null | head -1)}"
[ -f "$deb" ] || { echo "test-package: no .deb; build it: cmake --build $build --target package" >&2; exit 2; }
deb="$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")"
[ "$(id -u)" -eq 0 ] || { echo "test-package: needs root (debootstrap, chroot)" >&2; exit 2; }
command -v debootstrap >/dev/null || { echo "test-package: install debootstrap (installer/install-deps.sh)" >&2; exit 2; }

work="$build/package-test"
root="$work/root"
base="$work/bookworm-minbase.tar"
log="$work/test-package.log"
mkdir -p "$work"
exec > >(tee "$log") 2>&1

mirror="${MOTOR_DEBIAN_MIRROR:-}"
if [ -z "$mirror" ]; then
  mirror="$(sed -n 's/^URIs: *\([^ ]*\/debian\)\/*$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1)"
  [ -n "$mirror" ] || mirror="$(awk '$1 == "deb" && $2 ~ /\/debian\/?$/ { print $2; exit }' /etc/apt/sources.list 2>/dev/null || true)"
  mirror="${mirror:-http://deb.debian.org/debian}"
fi
start=$(date +%s)
step() { printf '\n== [%4ds] %s\n' "$(($(date +%s) - start))" "$*"; }
fail() { echo "FAIL: $*"; exit 1; }

cleanup() {
  for m in dev/pts dev proc; do
    if mountpoint -q "$root/$m" 2>/dev/null; then umount -l "$root/$m" || true; fi
  done
}
trap cleanup EXIT

# --- a fresh Debian 12
cleanup
rm -rf "$root"
if [ ! -f "$base" ] || [ -n "${MOTOR_PACKAGE_TEST_FRESH:-}" ]; then
  step "debootstrap bookworm (minbase) from $mirror"
  rm -rf "$work/bootstrap"
  debootstrap --variant=minbase bookworm "$work/bootstrap" "$mirror" >"$work/debootstrap.log" 2>&1 ||
    { tail -20 "$work/debootstrap.log"; fail "debootstrap"; }
  tar -C "$work/bootstrap" -cf "$base" .
  rm -rf "$work/bootstrap"
fi
step "unpack the pristine root ($(du -h "$base" | cut -f1))"
mkdir -p "$root"
tar -C "$root" -xf "$base"

security="${mirror%/debian}/debian-security"
cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb $security bookworm-security main
EOF
cp /etc/resolv.conf "$root/etc/resolv.conf"
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"   # no services start in the chroot
chmod +x "$root/usr/sbin/policy-rc.d"
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 "$@"; }
# A login session's environment: HOME and XDG_RUNTIME_DIR (as logind makes it), nothing else.
as_user() {
  chroot --userspec=tester:tester "$root" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/home/tester LANG=C.UTF-8 \
    XDG_RUNTIME_DIR=/run/user/1000 "$@"
}

# What the test itself needs (an X server for the GUI) and what any desktop has (the MIME
# and desktop-file databases whose triggers register the package's files) are installed
# before the "before" snapshot, so the comparison after purging is about the package alone.
step "apt-get update; the test's X server and desktop databases; user 'tester'"
in_root apt-get update -qq
# systemd and dbus too: the package's libraries pull them into a minbase root, and their
# own postinst scripts create files (machine-id, mtab, /var/lib/systemd/...) that purging
# them leaves, which would hide what the package itself leaves.
in_root apt-get install -y -qq --no-install-recommends xvfb xauth desktop-file-utils shared-mime-info hicolor-icon-theme \
  systemd systemd-sysv dbus dbus-user-session libpam-systemd >/dev/null
in_root useradd --create-home --uid 1000 --shell /bin/sh tester
mkdir -p "$root/run/user/1000" && chmod 700 "$root/run/user/1000" && in_root chown tester:tester /run/user/1000
in_root apt-get clean

# The file list of the system, less what changes by itself (apt/dpkg bookkeeping, logs,
# caches) and the user's home; the GUI's files in /tmp are checked separately.
snapshot() {
  (cd "$root" && find . -xdev \( -path ./proc -o -path ./dev -o -path ./sys -o -path ./run -o -path ./tmp \
      -o -path ./home -o -path ./root -o -path ./var/cache -o -path ./var/log -o -path ./var/lib/apt \
      -o -path ./var/lib/dpkg \) -prune -o -print | LC_ALL=C sort) >"$1"
}
snapshot "$work/files-before.txt"

step "install $(basename "$deb") with apt (no recommends)"
cp "$deb" "$root/tmp/"
in_root apt-get install -y --no-install-recommends "/tmp/$(basename "$deb")" >"$work/apt-install.log" 2>&1 ||
  { tail -30 "$work/apt-install.log"; fail "apt-get install"; }
rm -f "$root/tmp/$(basename "$deb")"
grep -E '^(Setting up|Unpacking) motor-studio' "$work/apt-install.log" || true
echo "packages pulled in: $(grep -c '^Setting up' "$work/apt-install.log")"
in_root dpkg -s motor-studio | grep -E '^(Version|Depends|Recommends):'
in_root sh -c 'dpkg -L motor-studio | while read -r f; do [ -f "$f" ] && echo "  $f"; done'
in_root sh -c 'ls /usr/share/motor-studio /usr/share/man/man1/motor*.gz /usr/share/icons/hicolor/*/apps/motor-studio.* >/dev/null'
if [ -e "$root/work" ] || [ -e "$root/$build" ]; then fail "the source or build tree is visible in the root"; fi

step "desktop integration: the MIME database knows .motor and the desktop file claims it"
grep -q 'application/x-motor-project' "$root/usr/share/mime/globs2" || fail ".motor is not in the MIME database"
grep -q 'application/x-motor-project=motor-studio.desktop' "$root/usr/share/applications/mimeinfo.cache" ||
  fail "the desktop file is not registered for .motor"
echo "ok: *.motor -> application/x-motor-project -> motor-studio.desktop"

snapshot "$work/files-installed.txt"

step "motor --version; motor demo"
as_user motor --version
as_user motor demo /home/tester/demo
[ -f "$root/home/tester/demo/demo.motor" ] || fail "no demo.motor"

step "motor eval"
as_user motor eval /home/tester/demo/demo.motor | tee "$work/eval.txt"
grep -q 'Macro-F1' "$work/eval.txt" || fail "eval printed no Macro-F1 table"

step "motor predict --backend baseline (cues, then majority)"
as_user motor predict /home/tester/demo/demo.motor --backend baseline --quiet
as_user motor predict /home/tester/demo/demo.motor --backend baseline --model majority --reference Anna --quiet
as_user motor eval /home/tester/demo/demo.motor | grep -E '^(annotator|baseline)'

step "motor models inspect by name, from ~/.cache/motor-studio/models"
as_user sh -c 'mkdir -p ~/.cache/motor-studio/models && cp /usr/share/motor-studio/codebooks/motor.json ~/.cache/motor-studio/models/not-a-model.gguf'
# Not a model: the point is that the name resolves into the store (the error names it).
out="$(as_user motor models inspect not-a-model.gguf 2>&1 || true)"
echo "$out"
echo "$out" | grep -q '/home/tester/.cache/motor-studio/models/not-a-model.gguf' || fail "the model name was not looked up in the model folder"

step "motor-studio --screenshot under Xvfb (browser view: plays a clip)"
as_user xvfb-run -a -s "-screen 0 1600x1000x24" motor-studio /home/tester/demo/demo.motor \
  --screenshot /home/tester/browser.png --view browser --expert Anna >"$work/studio.log" 2>&1 ||
  { cat "$work/studio.log"; fail "motor-studio --screenshot"; }
cat "$work/studio.log"
[ -s "$root/home/tester/browser.png" ] || fail "no screenshot"
cp "$root/home/tester/browser.png" "$work/screenshot-browser.png"
if grep -Eiq 'no decoder|missing.*plugin|could not (create|find|link)|not available|gstreamer.*(error|fail)' "$work/studio.log"; then
  fail "playback: GStreamer reported a missing element (see above)"
fi
as_user xvfb-run -a -s "-screen 0 1600x1000x24" motor-studio /home/tester/demo/demo.motor \
  --screenshot /home/tester/metrics.png --view metrics --expert Anna >>"$work/studio.log" 2>&1 ||
  fail "motor-studio --screenshot --view metrics"
cp "$root/home/tester/metrics.png" "$work/screenshot-metrics.png"
echo "screenshots: $work/screenshot-browser.png, $work/screenshot-metrics.png"

step "runtime files: only in the user's XDG directories"
snapshot "$work/files-used.txt"
if ! diff "$work/files-installed.txt" "$work/files-used.txt" >"$work/written-outside-home.diff"; then
  cat "$work/written-outside-home.diff"
  fail "running the programs wrote outside the user's home"
fi
(cd "$root/home/tester" && find . -path ./demo -prune -o -type f -print | LC_ALL=C sort | sed 's|^\./|  ~/|')
stray="$(cd "$root/tmp" && find . -mindepth 1 -user tester ! -name '.X*' 2>/dev/null | head || true)"
[ -z "$stray" ] || { echo "$stray"; fail "files left in /tmp"; }

step "apt-get purge motor-studio; autoremove --purge"
in_root apt-get purge -y motor-studio >"$work/apt-purge.log" 2>&1 || { tail -20 "$work/apt-purge.log"; fail "purge"; }
in_root apt-get autoremove --purge -y >>"$work/apt-purge.log" 2>&1 || { tail -20 "$work/apt-purge.log"; fail "autoremove"; }
echo "packages removed: $(grep -c '^Removing' "$work/apt-purge.log")"
snapshot "$work/files-after.txt"
if ! diff "$work/files-before.txt" "$work/files-after.txt" >"$work/left-behind.diff"; then
  cat "$work/left-behind.diff"
  fail "the system differs from before the install (files left behind or removed)"
fi
echo "ok: $(wc -l <"$work/files-before.txt") paths before install, the same after purge"

step "passed in $(($(date +%s) - start)) s"
