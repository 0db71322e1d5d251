#!/usr/bin/env bash
# The CUDA backend's check on a GPU machine (NVIDIA GPU, CUDA 13, cuDNN 9, PyTorch; no Maven, no network,
# maybe no Java). Prepare with scripts/prepare-gpu-check.sh, carry .device-carry/ with the repository,
# then from the repository root:   bash scripts/gpu-check.sh
# Everything lands in $OUT (default ./gpu-check-out): gpu-check.log (all of it) and one file per step.
#   1. the machine: nvidia-smi, the NVIDIA libraries the linker and PyTorch's wheels have
#   2. every CUDA op against the CPU reference (rosetta.cuda.check.CudaCheckMain: PASS/FAIL per op)
#   3. the VGG's convolutions and GEMMs timed per algorithm policy (rosetta.cuda.check.CudaConvBenchmark)
#   4. CIFAR-10 converted to the binary batches, then VGG trained 10 epochs with --backend=cuda in the
#      pytorch and caffe2 dialects, and the GRU 3 epochs, when the rosetta CLI is in the carry
#   5. PyTorch on the same model, batch and data (cudnn.benchmark=True), and the time ratio
# The exit status is that of the op checks (0: all passed). The whole run keeps within
# CHECK_BUDGET_S seconds (default 540, under the device tool's 10 minutes a command): each step gets at
# most its own cap and what is left, and a step with under 20 s left is skipped.
set -uo pipefail
cd "$(dirname "$0")/.."
carry=.device-carry
OUT="${OUT:-./gpu-check-out}"
mkdir -p "$OUT"
exec > >(tee "$OUT/gpu-check.log") 2>&1
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

section() { printf '\n===== %s =====\n' "$*"; }
deadline=$((SECONDS + ${CHECK_BUDGET_S:-540}))
# seconds a step may take: its cap, or what is left before the deadline (0 when under 20 s are left)
budget() {
    local left=$((deadline - SECONDS - 10))
    if [ "$left" -lt 20 ]; then echo 0; elif [ "$left" -lt "$1" ]; then echo "$left"; else echo "$1"; fi
}
limited() { # cap command...: runs the command under the budget, or says it was skipped
    local t
    t="$(budget "$1")"
    shift
    if [ "$t" -eq 0 ]; then echo "skipped: the time budget is spent"; return 124; fi
    timeout "$t" "$@"
}

section "machine"
date -u
nvidia-smi || echo "nvidia-smi failed"
nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv || true
echo "--- ldconfig -p (NVIDIA libraries)"
ldconfig -p 2>/dev/null | grep -E 'libcuda\.so|libcublas|libcudnn|libnvrtc' || echo "none in the linker cache"
echo "--- python3 and PyTorch"
python3 - <<'PY' || echo "no python3 with torch"
import glob, os, site, sys
print(sys.version.split()[0])
try:
    import torch
    print("torch", torch.__version__, "cuda", torch.version.cuda, "cudnn", torch.backends.cudnn.version(),
          "device", torch.cuda.get_device_name(0) if torch.cuda.is_available() else "none")
except Exception as e:
    print("torch not usable:", e)
for sp in site.getsitepackages() + [site.getusersitepackages()]:
    for lib in sorted(glob.glob(os.path.join(sp, "nvidia", "*", "lib")) + glob.glob(os.path.join(sp, "nvidia", "*", "*", "lib"))):
        names = sorted(n for n in os.listdir(lib) if "cublas" in n or "cudnn" in n or "nvrtc" in n)
        if names:
            print(lib + ":", " ".join(names))
PY

section "java"
# the carried runtime (built on Debian 12) needs glibc 2.34 or newer; a Java 17+ on the PATH is the fallback
JAVA=java
if [ -f "$carry/jre.tar.xz" ]; then
    tar -C "$scratch" -xJf "$carry/jre.tar.xz" 2>/dev/null \
        || python3 -c 'import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2])' "$carry/jre.tar.xz" "$scratch"
    "$scratch/jre/bin/java" -version && JAVA="$scratch/jre/bin/java"
fi
"$JAVA" -version || { echo "no Java that runs here: run scripts/prepare-gpu-check.sh and carry .device-carry/"; exit 3; }
CP="$carry/rosetta.jar"
# the carried jar has no OpenBLAS natives: the CPU reference of the op checks runs on the Java GEMM
CPU_REFERENCE=-Drosetta.cpu.sgemm=java-blocked

section "op checks: every CUDA op against the CPU reference"
limited 150 "$JAVA" "$CPU_REFERENCE" -cp "$CP" rosetta.cuda.check.CudaCheckMain | tee "$OUT/op-checks.txt"
ops_status=${PIPESTATUS[0]}
echo "op checks exit status $ops_status"

section "VGG convolutions and GEMMs per algorithm policy (batch 64)"
limited 90 "$JAVA" -cp "$CP" rosetta.cuda.check.CudaConvBenchmark | tee "$OUT/conv-benchmark.txt"

section "CIFAR-10 binary batches"
# the official binary layout's folder name, inside a data folder as --data, $ROSETTA_DATA and ~/.rosetta/data hold it
data="$scratch/data"
cifar="$data/cifar-10-batches-bin"
if [ -f "$carry/cifar-10-jpeg75.tar.gz" ]; then
    limited 120 "$JAVA" -cp "$carry/tools" MakeCifarBinary "$carry/cifar-10-jpeg75.tar.gz" "$cifar" && ls -la "$cifar"
else
    echo "no CIFAR archive in $carry"
fi

section "training with the rosetta CLI"
if [ -f "$carry/rosetta.jar" ] && [ -d "$cifar" ]; then
    for dialect in pytorch caffe2; do
        echo "--- vgg, dialect $dialect"
        limited 150 "$JAVA" -jar "$carry/rosetta.jar" train --dialect="$dialect" --model=vgg --backend=cuda \
            --epochs=10 --data "$data" --no-progress --verbose --json "$OUT/vgg-$dialect.json" 2>&1 | tee "$OUT/vgg-$dialect.txt"
    done
    echo "--- gru, dialect pytorch (synthetic IMDB-shaped data: the IMDB archive is not carried)"
    limited 90 "$JAVA" -jar "$carry/rosetta.jar" train --dialect=pytorch --model=gru --backend=cuda --epochs=3 \
        --synthetic --no-progress --verbose --json "$OUT/gru-pytorch.json" 2>&1 | tee "$OUT/gru-pytorch.txt" || echo "no GRU run"
else
    echo "skipped: $carry/rosetta.jar is absent (no cli module when prepared) or no CIFAR batches"
fi

section "PyTorch on the same model, batch and data"
if [ -d "$cifar" ] && python3 -c 'import torch, numpy; assert torch.cuda.is_available()' 2>/dev/null; then
    limited 240 python3 scripts/torch_vgg_benchmark.py --data "$cifar" --epochs 10 --json "$OUT/torch-vgg.json"
else
    echo "skipped: no PyTorch with CUDA, or no CIFAR batches"
fi

section "summary"
cat "$OUT/op-checks.txt" 2>/dev/null | tail -1
python3 - "$OUT" <<'PY' || true
import json, os, re, sys
out = sys.argv[1]
def numbers(node, path=""):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from numbers(v, path + "." + k if path else k)
    elif isinstance(node, (int, float)) and not isinstance(node, bool):
        yield path, node
found = {}
for name in sorted(os.listdir(out)):
    if name.endswith(".json"):
        with open(os.path.join(out, name)) as f:
            values = dict(numbers(json.load(f)))
        secs = [v for k, v in values.items() if re.search(r"(train|loop).*(sec|time)|seconds", k, re.I)]
        accs = [v for k, v in values.items() if re.search(r"acc", k, re.I)]
        found[name] = (secs[0] if secs else None, accs[0] if accs else None)
        print("%-20s training seconds %s, accuracy %s" % (name, found[name][0], found[name][1]))
torch = found.get("torch-vgg.json", (None, None))[0]
for name, (secs, _) in found.items():
    if name.startswith("vgg-") and secs and torch:
        print("%s / PyTorch training time: %.2f" % (name, secs / torch))
PY
exit "$ops_status"
