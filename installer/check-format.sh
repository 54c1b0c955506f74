#!/usr/bin/env bash
# Keeps .clang-format honest: every C++/CUDA source of the project must be formatted as
# it says. `installer/check-format.sh` checks (exit 1 listing the files that differ);
# `installer/check-format.sh --fix` formats them in place. Run by `quickstart.sh test`.
set -euo pipefail
cd "$(dirname "$0")/.."
fix=0
[ "${1:-}" = "--fix" ] && fix=1
if ! command -v clang-format >/dev/null; then
  echo "check-format: clang-format is not installed (installer/install-deps.sh installs it)" >&2
  exit 1
fi
mapfile -t files < <(git ls-files -- 'app/*' 'core/*' 'ui/*' 'gpu/*' 'tests/*' \
  | grep -E '\.(h|hpp|cpp|cc|cu|cuh)$' | grep -v '^tests/data/')
if [ "$fix" = 1 ]; then
  clang-format -i "${files[@]}"
  echo "check-format: formatted ${#files[@]} files"
  exit 0
fi
bad=()
for f in "${files[@]}"; do
  if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then bad+=("$f"); fi
done
if [ ${#bad[@]} -gt 0 ]; then
  echo "check-format: ${#bad[@]} of ${#files[@]} files differ from .clang-format ($(clang-format --version | head -1)):" >&2
  printf '  %s\n' "${bad[@]}" >&2
  echo "check-format: run installer/check-format.sh --fix" >&2
  exit 1
fi
echo "check-format: ${#files[@]} files formatted as .clang-format says"
