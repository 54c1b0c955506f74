#!/usr/bin/env bash
# README's quick start. On a fresh Debian 12:
#   bash installer/quickstart.sh demo   builds, makes the demo project, opens MOTOR Studio on it
#   bash installer/quickstart.sh test   checks the formatting, builds everything and runs every test suite
#                                       (with llama.cpp's llama-server for the real-server tests,
#                                       built once into ~/.cache; MOTOR_REAL_SERVERS=0 skips that)
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
    if [ "${MOTOR_REAL_SERVERS:-1}" = 1 ]; then
      bash installer/install-llama-server.sh >/dev/null ||
        echo "quickstart: llama-server could not be built; the OpenAiRealServer tests will skip" >&2
    fi
    ctest --preset "$preset"
    ;;
  *)
    echo "usage: $0 demo|test" >&2
    exit 2
    ;;
esac
