#!/usr/bin/env bash
# Packs what a CUDA machine without Java or Maven needs to run Atelier, into one folder:
#
#   jre/        a slim Java 17 runtime made with jlink (the modules Atelier's jars use)
#   lib/        Atelier's jars and their dependencies, without the CPU natives and without
#               pytorch-jni (prepare.sh builds a JNI that matches the local libtorch)
#   test-lib/   with --with-tests: core's test classes, their dependencies and JUnit's console
#               launcher, to run the engine tests on the GPU
#   jni-src/    DJL's pytorch-native CMake project at the DJL version in use, with the JNI header
#               that javac -h generates (so the CUDA machine needs no JDK to build the JNI)
#   font-libs/  the shared libraries the JRE's font code links to, taken from this machine; the
#               CUDA machine uses them only where it lacks its own (charts need fonts)
#
# Usage: engines/pytorch/cuda/kit.sh [--djl-source DIR] [--out DIR] [--with-tests] [--archive FILE]
#   --djl-source  a git directory of deepjavalibrary/djl (a clone or a bare mirror) holding tag
#                 v<DJL version>, or a plain checkout of that tag; default: a shallow clone of
#                 that tag from GitHub into ~/.atelier/djl-<version>
#   --out         the kit folder (default: .gpu/kit, which git ignores)
#   --archive     also pack the kit as FILE (.tar.xz) for copying to the CUDA machine
# Needs: a JDK 17 (jlink, javac, jdeps) and Maven; builds the project if needed.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
say() { echo "kit: $*" >&2; }
die() { say "$*"; exit 1; }

out="$root/.gpu/kit"; djl_source=""; with_tests=0; archive=""
while [ $# -gt 0 ]; do
  case "$1" in
    --djl-source) djl_source=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --with-tests) with_tests=1; shift ;;
    --archive) archive=$2; shift 2 ;;
    -h|--help) sed -n '2,22p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) die "unknown option '$1'; see --help" ;;
  esac
done
command -v jlink >/dev/null || die "jlink not found; a JDK 17 is needed (not only a JRE)"

djl_version=$(sed -n 's:.*<djl.version>\(.*\)</djl.version>.*:\1:p' "$root/pom.xml" | head -1)
[ -n "$djl_version" ] || die "cannot read djl.version from pom.xml"
if [ -z "$djl_source" ]; then
  djl_source="$HOME/.atelier/djl-$djl_version"
  if [ ! -d "$djl_source" ]; then
    say "cloning DJL v$djl_version into $djl_source…"
    git clone -q --depth 1 --branch "v$djl_version" https://github.com/deepjavalibrary/djl.git "$djl_source" \
      || die "could not clone DJL v$djl_version; pass --djl-source DIR (a DJL git directory or checkout)"
  fi
fi

say "building Atelier (jars and core test classes)…"
(cd "$root" && mvn -B -q -o install -DskipTests) || die "the build failed"
lib_src="$root/tools/target/lib"

rm -rf "$out"; mkdir -p "$out/lib" "$out/jni-src" "$out/font-libs"

# Jars: everything the launcher jar's class path names, minus the CPU natives, the prebuilt JNI and
# MXNet (its engine would try to download natives at start-up; its CUDA natives are not wired in).
# icu4j (14 MB) is only used by Tablesaw's charset detection (tech.tablesaw.io.Source): its
# Charset* classes are kept and the rest dropped.
cp "$root/tools/target/atelier.jar" "$out/lib/"
for jar in "$lib_src"/*.jar; do
  name=$(basename "$jar")
  case "$name" in
    pytorch-native-*|mxnet-*|pytorch-jni-*) continue ;;  # MXNet runs on the CPU only here
    icu4j-*)
      tmp=$(mktemp -d)
      (cd "$tmp" && unzip -q "$jar" 'com/ibm/icu/text/Charset*' 'META-INF/MANIFEST.MF' \
        && jar --create --file "$out/lib/$name" --manifest META-INF/MANIFEST.MF com)
      rm -rf "$tmp" ;;
    *) cp "$jar" "$out/lib/" ;;
  esac
done

# Java runtime: the modules jdeps finds in these jars (a few jars confuse jdeps; the list below is
# what it reports for the others, checked by running the experiments on the kit).
modules=java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.sql,java.xml,jdk.unsupported
say "making a Java runtime with $modules…"
jlink --add-modules "$modules" --strip-debug --no-man-pages --compress=0 --output "$out/jre"

# The JNI's source at the DJL version in use, and its header (javac -h) made here.
say "extracting DJL $djl_version's pytorch-native…"
if git -C "$djl_source" rev-parse --verify -q "v$djl_version^{commit}" >/dev/null; then
  git -C "$djl_source" archive "v$djl_version" engines/pytorch/pytorch-native api/src/main/native \
    engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni | tar -x -C "$out/jni-src"
else
  [ -d "$djl_source/engines/pytorch/pytorch-native" ] || die "$djl_source holds neither tag v$djl_version nor a DJL checkout"
  mkdir -p "$out/jni-src/engines/pytorch" "$out/jni-src/api/src/main"
  cp -r "$djl_source/engines/pytorch/pytorch-native" "$out/jni-src/engines/pytorch/"
  cp -r "$djl_source/api/src/main/native" "$out/jni-src/api/src/main/"
  mkdir -p "$out/jni-src/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch"
  cp -r "$djl_source/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni" \
    "$out/jni-src/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/"
fi
native="$out/jni-src/engines/pytorch/pytorch-native"
mkdir -p "$native/build/include" "$native/build/classes"
javac -cp "$lib_src/api-$djl_version.jar:$lib_src/pytorch-engine-$djl_version.jar" -h "$native/build/include" \
  -d "$native/build/classes" \
  "$out/jni-src/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java"
rm -rf "$native/build/classes" "$out/jni-src/engines/pytorch/pytorch-engine"
echo "$djl_version" > "$out/jni-src/DJL_VERSION"

# Font libraries the JRE links to (libfontmanager) plus fontconfig, which the JRE loads itself.
for lib in $( (ldd "$out/jre/lib/libfontmanager.so"; ldconfig -p | awk '/libfontconfig.so.1 |libexpat.so.1 /{print "x => " $NF}') \
    | awk '/=> \//{print $3}' | sort -u); do
  case "$(basename "$lib")" in
    libc.so*|libm.so*|libgcc_s.so*|libstdc++.so*|ld-linux*|libpthread*|libdl.so*) ;;
    *) case "$lib" in "$out"/*) ;; *) cp -L "$lib" "$out/font-libs/" ;; esac ;;
  esac
done

if [ "$with_tests" = 1 ]; then
  say "adding core's test classes and JUnit's console launcher…"
  mkdir -p "$out/test-lib"
  cp -r "$root/core/target/test-classes" "$out/test-lib/core-test-classes"
  (cd "$root" && mvn -B -q -o -pl core dependency:copy-dependencies -DincludeScope=test \
    -DoutputDirectory="$out/test-lib/jars" -DexcludeArtifactIds=pytorch-native-cpu,mxnet-native-mkl,pytorch-jni,icu4j) \
    || die "could not collect core's test dependencies"
  # The console launcher bundles JUnit itself; jars already in lib/ are not needed twice.
  for jar in "$out/test-lib/jars"/*; do
    case "$(basename "$jar")" in
      junit-*|opentest4j-*|apiguardian-*|*.pom) rm "$jar" ;;
      *) [ ! -e "$out/lib/$(basename "$jar")" ] || rm "$jar" ;;
    esac
  done
  junit=$(sed -n 's:.*<junit.version>\(.*\)</junit.version>.*:\1:p' "$root/pom.xml" | head -1)
  junit_platform="1.${junit#5.}"
  console="$HOME/.m2/repository/org/junit/platform/junit-platform-console-standalone/$junit_platform/junit-platform-console-standalone-$junit_platform.jar"
  [ -f "$console" ] || (mvn -B -q dependency:get -Dartifact="org.junit.platform:junit-platform-console-standalone:$junit_platform") \
    || die "could not fetch junit-platform-console-standalone $junit_platform"
  cp "$console" "$out/test-lib/"
fi

say "kit ready in $out ($(du -sh "$out" | cut -f1))"
if [ -n "$archive" ]; then
  # Jars are zip-compressed, which xz cannot shrink further; stored (uncompressed) entries let xz
  # pack the kit to about half the size (54 MB with compressed jars).
  python3 - "$out/lib" "$out/test-lib" <<'PY' || die "could not repack the jars (python3 needed for --archive)"
import glob, os, sys, zipfile
for folder in sys.argv[1:]:
    for path in glob.glob(os.path.join(folder, "**", "*.jar"), recursive=True):
        tmp = path + ".tmp"
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_STORED) as dst:
            for info in src.infolist():
                data = src.read(info)
                info.compress_type = zipfile.ZIP_STORED
                dst.writestr(info, data)
        os.replace(tmp, path)
PY
  tar -C "$(dirname "$out")" -cf - "$(basename "$out")" | xz -T0 -6 > "$archive"
  say "packed as $archive ($(du -h "$archive" | cut -f1))"
fi
