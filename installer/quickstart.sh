#!/usr/bin/env bash
# README's quick start. On a fresh Debian 12:
#   bash installer/quickstart.sh demo   builds, makes the demo project, opens MOTOR Studio on it
#   bash installer/quickstart.sh test   checks the formatting, builds everything and runs every test suite
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-demo}"

bash installer/install-deps.sh

case "$mode" in
  demo)
    cmake --preset default >/dev/null
    cmake --build --preset default --target motor motor-studio
    demo_dir="${MOTOR_DEMO_DIR:-$PWD/build/demo}"
    if [ ! -f "$demo_dir/demo.motor" ]; then
      ./build/default/app/motor demo "$demo_dir"
    fi
    ./build/default/app/motor eval "$demo_dir/demo.motor"
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
      exec ./build/default/app/motor-studio "$demo_dir/demo.motor"
    else
      echo "No display: run ./build/default/app/motor-studio $demo_dir/demo.motor on a desktop."
    fi
    ;;
  test)
    bash installer/check-format.sh
    preset="${MOTOR_PRESET:-ci}"
    cmake --preset "$preset"
    cmake --build --preset "$preset"
    ctest --preset "$preset"
    ;;
  *)
    echo "usage: $0 demo|test" >&2
    exit 2
    ;;
esac
