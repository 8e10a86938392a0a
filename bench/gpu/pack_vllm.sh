#!/usr/bin/env bash
# Packs vLLM for the GPU machine, for bench/gpu_check.sh's `vllm` step: the pinned wheels of
# bench/gpu/vllm_pins.txt (CPython 3.12, x86_64) unpacked into one tree, less the kernels a dense Llama on
# sm_90 never loads, as one tar.xz split into 50 MB parts: .vl1/part.00 (+ .vl1/site.sha256), .vl2/part.01,
# ... at the project root (add /.vl1/ ... to .git/info/exclude: they are carried, not committed).
#
#   bash bench/gpu/pack_vllm.sh [WORK]      # downloads ~400 MB from PyPI; xz takes minutes on 2 cores
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=${1:-/tmp/vllm-pack}
PY=${PY:-python3}
mkdir -p "$WORK/wheels"
"$PY" -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
  --abi cp312 --abi abi3 --abi none --platform manylinux_2_31_x86_64 --platform manylinux_2_28_x86_64 \
  --platform manylinux_2_27_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 \
  -d "$WORK/wheels" -r "$ROOT/bench/gpu/vllm_pins.txt"

rm -rf "$WORK/site" && mkdir "$WORK/site"
for wheel in "$WORK"/wheels/*.whl; do "$PY" -m zipfile -e "$wheel" "$WORK/site"; done
# Never loaded for a dense Llama in 16 bits on Hopper (each import sits in a try/except or behind its
# feature): FlashAttention 2 (Hopper runs FA3), MoE, MLA and FP4 kernels, the Rust front end, fp8 GEMMs,
# a Blackwell-only attention; xgrammar's static library and debug symbols.
cd "$WORK/site"
rm -rf vllm/vllm_flash_attn/_vllm_fa2_C.abi3.so vllm/_moe_C_stable_libtorch.abi3.so vllm/_flashmla_C.abi3.so \
  vllm/_flashmla_extension_C.abi3.so vllm/_qutlass_C.abi3.so vllm/vllm-rs vllm/third_party/deep_gemm \
  vllm/third_party/fmha_sm100 xgrammar/lib/libxgrammar.a
strip --strip-debug xgrammar/*.so 2>/dev/null || true
tar -cf - . | xz -9 -T0 >"$WORK/site.tar.xz"
cd "$ROOT"
rm -rf .vl[0-9]
split -b 50000000 -d -a 2 "$WORK/site.tar.xz" "$WORK/part."
k=1
for part in "$WORK"/part.*; do mkdir -p ".vl$k" && mv "$part" ".vl$k/"; k=$((k + 1)); done
(cd "$WORK" && sha256sum site.tar.xz) >.vl1/site.sha256
echo "$(du -h "$WORK/site.tar.xz" | cut -f1) in $((k - 1)) parts: $(ls -d .vl[0-9] | tr '\n' ' ')"
