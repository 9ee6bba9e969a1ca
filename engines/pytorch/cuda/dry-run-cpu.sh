#!/usr/bin/env bash
# Checks the CUDA path's logic end to end on a machine without a GPU: prepare.sh builds DJL's JNI
# from source against a *different* libtorch than the one DJL ships for (Debian's CPU libtorch,
# package libtorch-dev), installs it where DJL looks, writes env.sh, and Atelier then runs an
# experiment on that libtorch from the kit's jars. On a CUDA machine the same steps run with the
# CUDA libtorch (check.sh).
#
# Usage: engines/pytorch/cuda/dry-run-cpu.sh [--kit DIR] [--work DIR] [--rebuild]
#   needs libtorch-dev (apt-get install libtorch-dev), cmake and a C++ compiler, and a kit (kit.sh)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
say() { echo "dry-run: $*" >&2; }
die() { say "$*"; exit 1; }

kit="$root/.gpu/kit"; work="/tmp/atelier-cpu-dry-run"; rebuild=()
while [ $# -gt 0 ]; do
  case "$1" in
    --kit) kit=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --rebuild) rebuild=(--rebuild); shift ;;
    -h|--help) sed -n '2,10p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) die "unknown option '$1'; see --help" ;;
  esac
done

multiarch=$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)
system_lib="/usr/lib/$multiarch"
[ -f "$system_lib/libtorch.so" ] || die "no $system_lib/libtorch.so; install Debian's libtorch-dev"
version=$(dpkg-query -W -f='${Version}' libtorch-dev 2>/dev/null | sed 's/[+~].*//')
[ -n "$version" ] || die "cannot tell libtorch-dev's version"

# A libtorch-shaped folder (lib/, include/, share/cmake/Torch, build-version) over the system files.
scaffold="$work/libtorch-$version"
rm -rf "$scaffold" "$work/run"; mkdir -p "$scaffold/lib"
for lib in libtorch.so libtorch_cpu.so libc10.so; do ln -s "$system_lib/$lib" "$scaffold/lib/$lib"; done
ln -s /usr/include "$scaffold/include"
echo "$version" > "$scaffold/build-version"
say "Debian libtorch $version as $scaffold"

# Debian's Torch CMake config sits in the multiarch lib folder and points at /usr.
"$root/engines/pytorch/cuda/prepare.sh" --kit "$kit" --libtorch "$scaffold/lib" --out "$work/prepared" \
  --cmake-prefix "$system_lib/cmake" --allow-cpu "${rebuild[@]}"
# shellcheck disable=SC1091
. "$work/prepared/env.sh"
say "running softmax-regression --smoke on libtorch $PYTORCH_VERSION ($PYTORCH_FLAVOR) with the built JNI…"
"$root/atelier" run softmax-regression --smoke --out "$work/run"
engine_version=$(sed -n 's/.*"engine_version" *: *"\([^"]*\)".*/\1/p' "$work/run/summary.json")
say "summary.json: engine_version $engine_version"
[ "$engine_version" = "$version" ] || die "the run used PyTorch $engine_version, not the prepared $version"
say "ok: the JNI built by prepare.sh ran an experiment on libtorch $version"
