#!/usr/bin/env bash
# Runs on a GPU host with PyTorch but no .NET and no network, over a working tree that carries .gpu/ from
# scripts/gpu/pack.sh: has TorchSharp load the host's PyTorch libtorch (with CUDA), trains the recommender on the
# dev split on CUDA and on the host's CPU, evaluates both models, checks that CUDA inference gives the CPU's
# metrics and that PyTorch reads the checkpoint. Writes report.md, the logs and the JSON results to $OUT
# (default .gpu/out). Each step is timed and bounded; a failed step is reported and the rest still run.
#
# Why PyTorch's libtorch: the project's package feed serves TorchSharp-cpu only, not TorchSharp-cuda. TorchSharp
# loads libtorch by name when the app carries none (pack.sh leaves it out), so a libtorch on LD_LIBRARY_PATH is
# used instead, as TorchSharp's README describes for a PyTorch install. TorchSharp 0.107 is built against libtorch
# 2.10 with the C++11 ABI, so the host needs PyTorch 2.10 (the script checks). Loading libtorch from
# LD_LIBRARY_PATH with none in the app was checked on a CPU machine (TorchSharp's CPU libtorch moved out of the
# app); this script has not yet run on a GPU host, so PyTorch's build standing in for TorchSharp's is untested.
#
#   scripts/gpu/run.sh [--cutoff T] [--skip-cpu-training]
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
pack="$root/.gpu"
out="${OUT:-$pack/out}"
cutoff="2011-09-01"
train_on_cpu=1
while [ $# -gt 0 ]; do
  case "$1" in
    --cutoff) cutoff="$2"; shift 2 ;;
    --skip-cpu-training) train_on_cpu=0; shift ;;
    *) echo "gpu/run: unknown option $1 (usage: scripts/gpu/run.sh [--cutoff T] [--skip-cpu-training])" >&2; exit 2 ;;
  esac
done
for archive in dotnet recsys online-retail; do
  [ -f "$pack/$archive.tar.xz" ] || { echo "gpu/run: $pack/$archive.tar.xz is missing: run scripts/gpu/pack.sh first and carry .gpu" >&2; exit 2; }
done

mkdir -p "$out"
work="$(mktemp -d)"
report="$out/report.md"
: > "$report"
note() { echo "$*" | tee -a "$report"; }

# step NAME SECONDS COMMAND...: runs COMMAND with a time limit, its output in $out/NAME.log; records the
# wall time in $seconds and the exit status in $status.
step() {
  local name="$1" limit="$2"; shift 2
  local start end
  start=$(date +%s.%N)
  timeout "$limit" "$@" > "$out/$name.log" 2>&1
  status=$?
  end=$(date +%s.%N)
  seconds=$(python3 -c "print(f'{$end - $start:.1f}')")
  if [ "$status" -eq 0 ]; then
    note "- $name: ${seconds} s"
  else
    note "- $name: FAILED (exit $status after ${seconds} s; last lines of $name.log below)"
    tail -5 "$out/$name.log" | sed 's/^/      /' | tee -a "$report"
  fi
  return "$status"
}

note "# GPU run of $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo 'the working tree'), $(date -u '+%Y-%m-%d %H:%M UTC')"
note ""
note "- GPU: $(nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader 2>/dev/null || echo 'nvidia-smi not found')"
note "- CPU: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'))"
torch_root="$(python3 -c 'import os, torch; print(os.path.dirname(torch.__file__))' 2>/dev/null)"
if [ -z "$torch_root" ]; then
  note "- PyTorch: not importable by python3; set RECSYS_TORCH_ROOT to a libtorch 2.10 folder (with lib/)"
  torch_root="${RECSYS_TORCH_ROOT:-}"
  [ -n "$torch_root" ] || exit 1
else
  torch_version="$(python3 -c 'import torch; print(torch.__version__)')"
  note "- PyTorch: $torch_version, CUDA $(python3 -c 'import torch; print(torch.version.cuda, "available:", torch.cuda.is_available())') at $torch_root"
  case "$torch_version" in
    2.10.*) ;;
    *) note "  TorchSharp 0.107 needs libtorch 2.10; PyTorch $torch_version cannot stand in for it: nothing more can run"; exit 1 ;;
  esac
  if [ "$(python3 -c 'import torch; print(int(torch._C._GLIBCXX_USE_CXX11_ABI))')" != 1 ]; then
    note "  this PyTorch is built with the pre-C++11 ABI, TorchSharp with the C++11 one: nothing more can run"
    exit 1
  fi
fi
[ -f "$torch_root/lib/libtorch_cpu.so" ] || { note "no libtorch_cpu.so in $torch_root/lib: nothing more can run"; exit 1; }

step unpack 120 bash -c "mkdir -p '$work/dotnet' '$work/data' && tar -C '$work/dotnet' -xJf '$pack/dotnet.tar.xz' \
  && tar -C '$work' -xJf '$pack/recsys.tar.xz' && tar -C '$work/data' -xJf '$pack/online-retail.tar.xz'" || exit 1
export DOTNET_ROOT="$work/dotnet" PATH="$work/dotnet:$PATH" DOTNET_CLI_TELEMETRY_OPTOUT=1 NO_COLOR=1
# recsys carries TorchSharp's native library but no libtorch: the loader finds PyTorch's here (libtorch_cuda.so
# included, which TorchSharp loads by name for CUDA; its CUDA libraries come through its own RPATH).
export LD_LIBRARY_PATH="$torch_root/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
data="$work/data/$(cat "$pack/data-folder.txt")"
recsys=(dotnet "$work/recsys/recsys.dll")

device="cuda:0"
python3 -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)' 2>/dev/null || device=""
if [ -n "$device" ]; then
  step train-cuda 420 "${recsys[@]}" train --data "$data" --cutoff "$cutoff" --out "$out/model-cuda" --device "$device" \
    && gpu_seconds="$seconds"
  step eval-cuda-model 240 "${recsys[@]}" eval --data "$data" --cutoff "$cutoff" --model "$out/model-cuda" --device "$device" \
    --json "$out/eval-cuda-model.json"
  step check-checkpoint 60 python3 "$root/scripts/gpu/check_checkpoint.py" "$out/model-cuda" --json "$out/checkpoint-cuda.json" \
    && tail -1 "$out/check-checkpoint.log" | sed 's/^/      /' | tee -a "$report"
else
  note "- CUDA: not available to PyTorch here, so only the CPU runs"
fi
if [ "$train_on_cpu" -eq 1 ]; then
  step train-cpu 420 "${recsys[@]}" train --data "$data" --cutoff "$cutoff" --out "$out/model-cpu" --device cpu \
    && cpu_seconds="$seconds"
  step eval-cpu-model 240 "${recsys[@]}" eval --data "$data" --cutoff "$cutoff" --model "$out/model-cpu" --device cpu \
    --json "$out/eval-cpu-model.json"
  if [ -n "$device" ]; then
    step eval-cpu-model-on-cuda 240 "${recsys[@]}" eval --data "$data" --cutoff "$cutoff" --model "$out/model-cpu" \
      --device "$device" --json "$out/eval-cpu-model-on-cuda.json"
  fi
fi

note ""
python3 - "$out" "${gpu_seconds:-}" "${cpu_seconds:-}" <<'PY' | tee -a "$report"
import json, os, sys
out, gpu, cpu = sys.argv[1], sys.argv[2], sys.argv[3]
def methods(name):
    path = os.path.join(out, name)
    return {m["name"]: m for m in json.load(open(path))["methods"]} if os.path.exists(path) else None
print("| run | method | HR@10 | Recall@10 | NDCG@10 | NewRecall@10 |")
print("|---|---|---:|---:|---:|---:|")
for run in ("eval-cuda-model.json", "eval-cpu-model.json", "eval-cpu-model-on-cuda.json"):
    for name, m in (methods(run) or {}).items():
        if name.startswith("SEQ-REC"):
            print(f"| {run[5:-5]} | {name} | {m['hr@10']:.4f} | {m['recall@10']:.4f} | {m['ndcg@10']:.4f} | {m['new_recall@10']:.4f} |")
on_cpu, on_cuda = methods("eval-cpu-model.json"), methods("eval-cpu-model-on-cuda.json")
if on_cpu and on_cuda:
    keys = ("hr@10", "recall@10", "ndcg@10", "new_recall@10")
    gap = max(abs(on_cpu[n][k] - on_cuda[n][k]) for n in on_cpu if n.startswith("SEQ-REC") for k in keys)
    print(f"\nThe CPU-trained model scored on CUDA vs on the CPU: largest metric difference {gap:.2e}")
if gpu and cpu:
    print(f"\nTraining wall time (command, reading the CSVs included): CUDA {gpu} s, CPU {cpu} s on {os.cpu_count()} cores: "
          f"{float(cpu) / float(gpu):.2f}x")
PY
rm -rf "$work"
