#!/usr/bin/env bash
# Builds llama.cpp's OpenAI-compatible `llama-server` (CPU only) for the integration tests
# that run `motor predict --backend openai` against a real server
# (tests/integration/openai_server_tests.cpp). The source is the llama.cpp that the pinned
# llama-cpp-python sdist on PyPI vendors (PyPI is reachable where GitHub may not be); only
# the server target is compiled, without -march=native (the cache may outlive this CPU).
# Idempotent: a finished build is reused. Prints the server binary's path on stdout.
#
#   --where            print the binary's path if it is built (exit 1 if not)
#
#   MOTOR_LLAMA_SERVER_DIR  where the source and build go
#                           (default: ${XDG_CACHE_HOME:-~/.cache}/motor-studio/llama-server-VERSION)
#   MOTOR_BUILD_JOBS        compile jobs (default: 2)
set -euo pipefail

version="0.3.36"  # llama-cpp-python; vendors llama.cpp commit 0c1e570 (2026-10-01)
sha256="832db0699007f1be95a7e41ef12e88926b02ba836461e36a36372db2760c1a2e"  # its sdist
dir="${MOTOR_LLAMA_SERVER_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/motor-studio/llama-server-$version}"
bin="$dir/build/bin/llama-server"
marker="$dir/.motor-installed-$version"

if [ -f "$marker" ] && [ -x "$bin" ] && "$bin" --version >/dev/null 2>&1; then
  echo "$bin"
  exit 0
fi
if [ "${1:-}" = "--where" ]; then
  echo "install-llama-server: llama-server ($version) is not built in $dir" >&2
  exit 1
fi

for tool in cmake python3 tar; do
  command -v "$tool" >/dev/null || { echo "install-llama-server: $tool is needed (installer/install-deps.sh)" >&2; exit 1; }
done

start=$(date +%s)
echo "install-llama-server: building llama-server from llama-cpp-python $version's llama.cpp into $dir (minutes)" >&2
rm -rf "$dir"
mkdir -p "$dir/download"
python3 -m pip download --quiet --no-deps --no-binary :all: --dest "$dir/download" "llama-cpp-python==$version" >&2
archive="$dir/download/llama_cpp_python-$version.tar.gz"
echo "$sha256  $archive" | sha256sum --check --quiet - >&2 || { echo "install-llama-server: $archive: unexpected sha256" >&2; exit 1; }
tar -xzf "$archive" -C "$dir"
src="$dir/llama_cpp_python-$version/vendor/llama.cpp"
[ -f "$src/tools/server/CMakeLists.txt" ] || { echo "install-llama-server: $src has no tools/server" >&2; exit 1; }
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
cmake -S "$src" -B "$dir/build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF -DGGML_NATIVE=OFF \
  -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_OPENMP=OFF \
  -DLLAMA_BUILD_SERVER=ON -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_UI=OFF \
  -DLLAMA_CURL=OFF -DLLAMA_OPENSSL=OFF >&2
cmake --build "$dir/build" --target llama-server -j "${MOTOR_BUILD_JOBS:-2}" >&2
"$bin" --version >&2
rm -rf "$dir/download"
touch "$marker"
echo "install-llama-server: done in $(( $(date +%s) - start )) s" >&2
echo "$bin"
