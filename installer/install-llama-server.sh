#!/usr/bin/env bash
# Installs llama-cpp-python's OpenAI-compatible server (a pinned version, compiled from
# source for this CPU family without -march=native) into a virtual environment, for the
# integration tests that run `motor predict --backend openai` against a real server.
# Idempotent: a finished install is reused; prints the environment's python on stdout.
# Compiling llama.cpp takes well over five minutes on two cores, so CI runs it only when
# asked (MOTOR_CI_REAL_SERVERS=1); the tests that need it skip without it.
#
#   --where            print the environment's python if it is installed (exit 1 if not)
#
#   MOTOR_LLAMA_VENV   where the environment goes
#                      (default: ${XDG_CACHE_HOME:-~/.cache}/motor-studio/llama-cpp-python-VERSION)
#   MOTOR_BUILD_JOBS   compile jobs (default: 2)
set -euo pipefail

version="0.3.36"
venv="${MOTOR_LLAMA_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/motor-studio/llama-cpp-python-$version}"
marker="$venv/.motor-installed-$version"

if [ -f "$marker" ] && "$venv/bin/python" -c "import llama_cpp.server.app" >/dev/null 2>&1; then
  echo "$venv/bin/python"
  exit 0
fi
if [ "${1:-}" = "--where" ]; then
  echo "install-llama-server: llama-cpp-python $version is not installed in $venv" >&2
  exit 1
fi

start=$(date +%s)
echo "install-llama-server: building llama-cpp-python $version into $venv (compiles llama.cpp: minutes)" >&2
rm -rf "$venv"
mkdir -p "$(dirname "$venv")"
python3 -m venv "$venv" >&2
# Portable code (no -march=native: the cache may outlive this CPU); no tests, examples or
# curl; the multimodal library stays (a server with a projector uses it).
export CMAKE_ARGS="-DGGML_NATIVE=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_CURL=OFF -DGGML_OPENMP=OFF"
export CMAKE_BUILD_PARALLEL_LEVEL="${MOTOR_BUILD_JOBS:-2}"
"$venv/bin/python" -m pip install --quiet --no-cache-dir "llama-cpp-python[server]==$version" >&2
"$venv/bin/python" -c "import llama_cpp.server.app" >&2
touch "$marker"
echo "install-llama-server: done in $(( $(date +%s) - start )) s" >&2
echo "$venv/bin/python"
