#!/usr/bin/env bash
# Atelier's GPU checks on a CUDA machine, results collected in one folder:
#   prepare   builds the JNI for the local libtorch and writes env.sh (prepare.sh)
#   bench     `atelier bench --device gpu` (PyTorch), and the same on this machine's CPU cores
#   tests     core's test suite with its engine tests on the GPU (JUnit's console launcher)
#   run       one experiment with --device gpu (--run "NAME [ARGS…]")
#
# Usage: engines/pytorch/cuda/check.sh --results DIR [--kit DIR] [--work DIR] [--steps LIST]
#                                      [--run "NAME [ARGS…]"] [--bench-args "ARGS…"]
#   --steps   comma-separated, in this order: prepare,bench,cpu-bench,tests,run (default: prepare,bench,tests)
# Each step has its own log in DIR; a failing step does not stop the next ones; the exit status
# is the number of failed steps.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
say() { echo "check: $*" >&2; }

results=""; kit="$root/.gpu/kit"; work="/tmp/atelier-gpu"; steps="prepare,bench,tests"; run_args=""; bench_args=""
while [ $# -gt 0 ]; do
  case "$1" in
    --results) results=$2; shift 2 ;;
    --kit) kit=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --run) run_args=$2; shift 2 ;;
    --bench-args) bench_args=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) say "unknown option '$1'; see --help"; exit 2 ;;
  esac
done
[ -n "$results" ] || { say "--results DIR is required"; exit 2; }
mkdir -p "$results" "$work"
results=$(cd "$results" && pwd)
failed=0

# step NAME SECONDS COMMAND…: runs the command with a time limit, logs to NAME.log, records the outcome.
step() {
  local name=$1 limit=$2; shift 2
  local start=$SECONDS rc
  say "$name…"
  timeout "$limit" "$@" >"$results/$name.log" 2>&1; rc=$?
  printf '%-10s rc=%-3s %4ss\n' "$name" "$rc" "$((SECONDS - start))" | tee -a "$results/steps.txt" >&2
  [ "$rc" = 0 ] || failed=$((failed + 1))
  return 0
}

{ nvidia-smi -L; nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv; nproc; free -g; } \
  >"$results/machine.txt" 2>&1

has() { case ",$steps," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }

if has prepare; then
  step prepare 400 "$root/engines/pytorch/cuda/prepare.sh" --kit "$kit" --out "$work/cuda"
  cp "$work/cuda/jni-build.log" "$results/" 2>/dev/null
fi
[ -f "$work/cuda/env.sh" ] || { say "no $work/cuda/env.sh: prepare did not complete"; exit $((failed + 1)); }
# shellcheck disable=SC1091
. "$work/cuda/env.sh"
cp "$work/cuda/env.sh" "$results/"

if has bench; then
  # shellcheck disable=SC2086 # bench_args is a list of options
  step bench 300 "$root/atelier" bench --device gpu --engines PyTorch --out "$work/bench-gpu" $bench_args
  cp "$work/bench-gpu/summary.json" "$results/bench-gpu.json" 2>/dev/null
  cp "$work/bench-gpu/bench.md" "$results/bench-gpu.md" 2>/dev/null
fi

if has cpu-bench; then
  # shellcheck disable=SC2086
  step cpu-bench 300 "$root/atelier" bench --device cpu --engines PyTorch --out "$work/bench-cpu" $bench_args
  cp "$work/bench-cpu/summary.json" "$results/bench-cpu.json" 2>/dev/null
  cp "$work/bench-cpu/bench.md" "$results/bench-cpu.md" 2>/dev/null
fi

if has tests; then
  [ -d "$kit/test-lib" ] || { say "the kit has no test-lib/ (make it with kit.sh --with-tests)"; exit $((failed + 1)); }
  cp_list="$kit/test-lib/core-test-classes:$(ls "$kit"/lib/*.jar "$kit"/test-lib/jars/*.jar 2>/dev/null | tr '\n' ':')"
  # Tests run from core/, as under Maven (some read ../docs and ../README.md).
  step tests 300 bash -c 'cd "$0/core" && "$JAVA_HOME/bin/java" -Xmx8g -Djava.awt.headless=true \
      -Datelier.test.device=gpu -Datelier.test.engines=PyTorch \
      -jar "$1"/test-lib/junit-platform-console-standalone-*.jar execute --disable-banner \
      --class-path "$2" --scan-class-path "$1/test-lib/core-test-classes" \
      --details=tree --reports-dir "$3/test-reports"' "$root" "$kit" "$cp_list" "$results"
fi

if has run; then
  [ -n "$run_args" ] || { say "step run needs --run \"NAME [ARGS…]\""; exit $((failed + 1)); }
  name=${run_args%% *}
  # shellcheck disable=SC2086
  step run 560 "$root/atelier" run $run_args --device gpu --out "$work/run-$name"
  for f in summary.json report.md; do cp "$work/run-$name/$f" "$results/run-$name-$f" 2>/dev/null; done
fi

say "done: $failed failed step(s); see $results/steps.txt"
exit "$failed"
