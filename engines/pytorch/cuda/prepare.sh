#!/usr/bin/env bash
# Prepares DJL's PyTorch engine on a machine with a local CUDA libtorch, for `./atelier … --device gpu`.
#
# DJL 0.35's pytorch-jni holds JNI libraries built for libtorch 2.7.1 only, and a JNI library must
# match its libtorch version exactly. This script:
#   1. finds the local libtorch (--libtorch DIR, else the lib/ folder of python3's torch), its
#      version and CUDA flavour (cuXYZ);
#   2. builds DJL's JNI (libdjl_torch.so) against it from DJL's published source, with DJL's own
#      CMake project (USE_CUDA on), or, if CMake cannot configure the CUDA parts of Torch's config,
#      by compiling the same sources directly with the compiler;
#   3. installs it where DJL looks first: $ENGINE_CACHE_DIR/pytorch/<version>-<flavor>-<classifier>/
#      <djl version>-libdjl_torch.so;
#   4. writes env.sh exporting PYTORCH_LIBRARY_PATH, PYTORCH_VERSION, PYTORCH_FLAVOR and
#      ENGINE_CACHE_DIR as DJL expects, JAVA_HOME (the kit's runtime where the machine has no Java),
#      ATELIER_PREBUILT (the kit's jars, so ./atelier runs without Maven) and, where the machine
#      lacks font libraries, LD_LIBRARY_PATH and FONTCONFIG_FILE for chart rendering.
#
# Usage: engines/pytorch/cuda/prepare.sh [--kit DIR] [--libtorch DIR] [--out DIR] [--dry-run] [--jobs N]
#                                        [--allow-cpu] [--rebuild] [--cmake-prefix DIR]
#   --kit       a folder made by kit.sh (jni-src/, jre/, lib/, font-libs/); default .gpu/kit
#   --libtorch  libtorch's lib/ folder (holding libtorch.so); default: python3's torch
#   --out       where the JNI, the engine cache and env.sh go (default: ~/.atelier/cuda)
#   --dry-run   find and check everything, print the plan and the environment, build nothing
#   --rebuild   build the JNI even if one for this libtorch is installed already (default: reuse it)
#   --cmake-prefix  where Torch's CMake config lies (default: <libtorch>/../share/cmake)
#   --allow-cpu accept a CPU libtorch and build a CPU JNI: checks this script's logic end to end on a
#               machine without a GPU (dry-run-cpu.sh does that with Debian's libtorch)
# Then:  . ~/.atelier/cuda/env.sh && ./atelier run softmax-regression --device gpu
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
say() { echo "prepare: $*" >&2; }
die() { say "$*"; exit 1; }

kit="$root/.gpu/kit"; libtorch=""; out="$HOME/.atelier/cuda"; dry=0; allow_cpu=0; rebuild=0; cmake_prefix=""; jobs=$(nproc 2>/dev/null || echo 2)
while [ $# -gt 0 ]; do
  case "$1" in
    --kit) kit=$2; shift 2 ;;
    --libtorch) libtorch=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --dry-run) dry=1; shift ;;
    --allow-cpu) allow_cpu=1; shift ;;
    --rebuild) rebuild=1; shift ;;
    --cmake-prefix) cmake_prefix=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    -h|--help) sed -n '2,26p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) die "unknown option '$1'; see --help" ;;
  esac
done
[ -d "$kit/jni-src" ] || die "no kit at $kit (jni-src/ missing); make one with engines/pytorch/cuda/kit.sh, or pass --kit DIR"
kit=$(cd "$kit" && pwd)
djl_version=$(cat "$kit/jni-src/DJL_VERSION")

# --- 1. libtorch, its version and flavour --------------------------------------------------------
if [ -z "$libtorch" ]; then
  command -v python3 >/dev/null || die "no --libtorch given and no python3 to find torch with"
  libtorch=$(python3 -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))' 2>/dev/null) \
    || die "python3 has no torch; pass --libtorch DIR (libtorch's lib/ folder)"
fi
[ -f "$libtorch/libtorch.so" ] || die "$libtorch holds no libtorch.so; pass --libtorch with libtorch's lib/ folder"
torch_home=$(cd "$libtorch/.." && pwd)
version=""; cuda=""; abi=""
if [ -f "$torch_home/version.py" ]; then          # a Python wheel: torch/version.py
  version=$(sed -n "s/^__version__ = '\([0-9.]*\).*/\1/p" "$torch_home/version.py")
  cuda=$(sed -n "s/^cuda: .*= '\([0-9.]*\)'.*/\1/p" "$torch_home/version.py")
elif [ -f "$torch_home/build-version" ]; then      # a libtorch zip: build-version, e.g. 2.7.1+cu128
  v=$(cat "$torch_home/build-version"); version=${v%%+*}
  case "$v" in *+cu*) c=${v#*+cu}; cuda="${c:0:${#c}-1}.${c: -1}" ;; esac
fi
[ -n "$version" ] || die "cannot tell libtorch's version in $torch_home (no version.py or build-version)"
if [ -n "$cuda" ]; then
  flavor="cu${cuda//./}"; use_cuda=1
elif [ "$allow_cpu" = 1 ]; then
  flavor="cpu"; use_cuda=0
else
  die "libtorch $version in $torch_home is a CPU build; a CUDA build is needed for --device gpu"
fi
abi=$(python3 -c 'import torch; print(int(torch._C._GLIBCXX_USE_CXX11_ABI))' 2>/dev/null || echo 1)
classifier="linux-$(uname -m | sed 's/amd64/x86_64/')"
cmake_dir="${cmake_prefix:-$torch_home/share/cmake}"
cache="$out/cache"
jni_dir="$cache/pytorch/$version-$flavor-$classifier"
jni="$jni_dir/$djl_version-libdjl_torch.so"

# --- Java: the machine's, else the kit's runtime --------------------------------------------------
java_home=""
if command -v java >/dev/null && java -version 2>&1 | grep -q 'version "\(1[7-9]\|[2-9][0-9]\)'; then
  java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
elif [ -x "$kit/jre/bin/java" ]; then
  java_home="$kit/jre"
else
  die "no Java 17+ here and no jre/ in the kit; make the kit with kit.sh"
fi

say "libtorch $version ($flavor, C++11 ABI $abi) in $libtorch"
say "DJL $djl_version JNI -> $jni"
say "Java: $java_home"

# --- fonts: what the JRE's font code needs, if the machine lacks it --------------------------------
font_env=""
missing=($(ldd "$java_home/lib/libfontmanager.so" 2>/dev/null | awk '/not found/{print $1}' | grep -v '^libjvm' || true))
ldconfig -p 2>/dev/null | grep -q 'libfontconfig.so.1 ' || missing+=(libfontconfig.so.1)
if [ ${#missing[@]} -gt 0 ]; then
  [ -d "$kit/font-libs" ] || die "this machine lacks ${missing[*]} and the kit has no font-libs/"
  fonts=""
  fonts=$(python3 -c 'import matplotlib, os; print(os.path.join(os.path.dirname(matplotlib.__file__), "mpl-data", "fonts", "ttf"))' 2>/dev/null || true)
  for d in /usr/share/fonts "$fonts"; do [ -n "$d" ] && [ -d "$d" ] && fonts="$d" && break; done
  [ -d "$fonts" ] || die "this machine has no fonts (no /usr/share/fonts, no matplotlib's); charts cannot be drawn"
  say "machine lacks ${missing[*]}: using the kit's font libraries with fonts from $fonts"
  font_env="export LD_LIBRARY_PATH=\"$kit/font-libs\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}\"
export FONTCONFIG_FILE=\"$out/fonts.conf\""
fi

# --- cudart for DJL's GPU count: DJL asks the CUDA runtime through JNA for "libcudart.so" (no
# version suffix); Python wheels ship only libcudart.so.NN, so a link in $out/cudart provides it.
cudart=$(find "$(dirname "$torch_home")/nvidia" "$libtorch" /usr/local/cuda/lib64 -name 'libcudart.so*' 2>/dev/null \
  | grep -v stub | sort | head -1 || true)
cudart_env=""
if [ "$use_cuda" = 1 ]; then
  [ -n "$cudart" ] || die "no libcudart.so* next to libtorch or in /usr/local/cuda/lib64; DJL could not count the GPUs"
  cudart_env="export LD_LIBRARY_PATH=\"$out/cudart\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}\""
  say "CUDA runtime for DJL's device count: $cudart"
fi

prebuilt_env=""
[ -f "$kit/lib/atelier.jar" ] && prebuilt_env="export ATELIER_PREBUILT=\"$kit/lib\""
env_text="# Written by engines/pytorch/cuda/prepare.sh: DJL's PyTorch engine on the local CUDA libtorch.
export PYTORCH_LIBRARY_PATH=\"$libtorch\"
export PYTORCH_VERSION=\"$version\"
export PYTORCH_FLAVOR=\"$flavor\"
export ENGINE_CACHE_DIR=\"$cache\"
export JAVA_HOME=\"$java_home\"
export PATH=\"$java_home/bin:\$PATH\"
$prebuilt_env
$cudart_env
$font_env"

if [ "$dry" = 1 ]; then
  say "dry run: would build the JNI with CMake (Torch_DIR=$cmake_dir/Torch), install it and write $out/env.sh:"
  echo "$env_text"
  exit 0
fi

# --- 2. the JNI --------------------------------------------------------------------------------------
if [ -f "$jni" ] && [ "$rebuild" = 0 ]; then
  say "reusing the JNI built before: $jni (--rebuild builds it again)"
else
src="$kit/jni-src/engines/pytorch/pytorch-native"
build="$out/build"
rm -rf "$build"; mkdir -p "$build" "$jni_dir"
cp -r "$src/build/include" "$build/include"
# DJL's CMakeLists reads the generated header from <source>/build/include; the kit ships it there.
log="$out/jni-build.log"
say "building the JNI with DJL's CMake project (log: $log)…"
built=""
pt_version=""
case "$version" in 1.13.*|2.0.*|2.1.*) pt_version=V1_13_X ;; esac   # as DJL's build.sh
if (JAVA_HOME="$java_home" cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DUSE_CUDA="$use_cuda" \
      ${pt_version:+-DPT_VERSION=$pt_version} \
      -DCMAKE_PREFIX_PATH="$cmake_dir" -DJAVA_HOME="$java_home" \
      -DJAVA_INCLUDE_PATH="$java_home/include" -DJAVA_INCLUDE_PATH2="$java_home/include/linux" \
      -DJAVA_JVM_LIBRARY="$java_home/lib/server/libjvm.so" \
    && cmake --build "$build" -- -j "$jobs") >"$log" 2>&1; then
  built="$build/libdjl_torch.so"
  method="cmake"
else
  say "CMake failed (last lines below); compiling the same sources directly instead"
  tail -n 15 "$log" >&2
  direct="$build/direct"; mkdir -p "$direct"
  cuda_inc=""
  for d in /usr/local/cuda/include "$(dirname "$torch_home")/nvidia/cu13/include" "$(dirname "$torch_home")"/nvidia/cuda_runtime/include; do
    [ -f "$d/cuda_runtime_api.h" ] && cuda_inc="$d" && break
  done
  defs=(${pt_version:+-D$pt_version}); cuda_libs=()
  if [ "$use_cuda" = 1 ]; then
    cuda_libs=(-ltorch_cuda -lc10_cuda)
    if [ -n "$cuda_inc" ]; then defs+=(-DUSE_CUDA)
    else say "no CUDA headers found: building without the CUDA-only calls (cache emptying, inference streams)"; fi
  fi
  flags=(-std=c++17 -O2 -fPIC -D_GLIBCXX_USE_CXX11_ABI="$abi" "${defs[@]}"
         -I"$torch_home/include" -I"$torch_home/include/torch/csrc/api/include"
         -I"$java_home/include" -I"$java_home/include/linux" -I"$build/include"
         -I"$kit/jni-src/api/src/main/native" ${cuda_inc:+-I"$cuda_inc"})
  ls "$src"/src/main/native/*.cc | xargs -P "$jobs" -I{} sh -c \
    'c++ "$@" -c "{}" -o "'"$direct"'/$(basename "{}" .cc).o"' _ "${flags[@]}" >>"$log" 2>&1 \
    || { tail -n 30 "$log" >&2; die "compiling the JNI failed; see $log"; }
  c++ -shared -o "$direct/libdjl_torch.so" "$direct"/*.o -L"$libtorch" \
      -Wl,--no-as-needed -ltorch -ltorch_cpu -lc10 "${cuda_libs[@]}" -Wl,--as-needed \
      -Wl,-rpath,"$libtorch" >>"$log" 2>&1 || { tail -n 30 "$log" >&2; die "linking the JNI failed; see $log"; }
  built="$direct/libdjl_torch.so"
  method="direct"
fi
cp "$built" "$jni"
say "built the JNI ($method): $jni"
fi

# --- 4. env.sh ----------------------------------------------------------------------------------------
if [ "$use_cuda" = 1 ]; then
  mkdir -p "$out/cudart"
  ln -sf "$cudart" "$out/cudart/libcudart.so"
fi
if [ -n "$font_env" ]; then
  cat > "$out/fonts.conf" <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>$fonts</dir><cachedir>$out/fontcache</cachedir></fontconfig>
EOF
fi
echo "$env_text" > "$out/env.sh"
say "wrote $out/env.sh; use it with:  . $out/env.sh && ./atelier run NAME --device gpu"
