#!/usr/bin/env bash
# Train the embedded model's adapter on the seed set through the product's own trainer
# (python -m model.train), one configuration after another on one GPU (in parallel they starved each
# other), and print each one's validation loss. The winner ships as data/adapters/smollm2-seed (see
# bench/README.md).
#
#   bash bench/train_seed_sweep.sh "r16 lr1e-3 e5 b32" "r64 lr5e-4 e5 b32" ...
#
# Each argument is "rRANK lrLR eEPOCHS [bBATCH]" (batch 8 when left out). Adapters land in
# $SWEEP_DIR/NAME (default /tmp/sweep); each run is stopped after $RUN_TIMEOUT s (default 540). With
# $OUT set, each adapter comes back as $OUT/NAME.tgz and the losses as $OUT/sweep.txt.
set -u -o pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIR=${SWEEP_DIR:-/tmp/sweep}
PY=${PY:-python3}
mkdir -p "$DIR"
export HF_HUB_OFFLINE=1 TRANSFORMERS_VERBOSITY=error TOKENIZERS_PARALLELISM=false
cd "$ROOT"
# Materialize the embedded model once, then every run reads the same directory.
$PY -c "from model.base import materialize_embedded; from pathlib import Path; print(materialize_embedded(Path('$DIR/home')))"
for spec in "$@"; do
  read -r r lr e b <<<"$spec"
  b=${b:-b8}
  name="${r}-${lr}-${e}-${b}"
  timeout "${RUN_TIMEOUT:-540}" $PY -m model.train --base embedded --home "$DIR/home" --output "$DIR/$name" \
      --quantize none --rank "${r#r}" --learning-rate "${lr#lr}" --epochs "${e#e}" --batch-size "${b#b}" \
      --bf16-weights >"$DIR/$name.json" 2>"$DIR/$name.log"
  $PY - "$DIR/$name.json" "$name" <<'PYEOF' | tee -a "${OUT:-$DIR}/sweep.txt"
import json, sys
text = open(sys.argv[1]).read()
try:
    r = json.loads(text[text.index("{"):])
    print(f"{sys.argv[2]}: val_loss {r['val_loss']:.4f}, train loss {r['train_loss_first']:.3f} -> {r['train_loss_last']:.3f}, {r['steps']} steps, {r['seconds']:.0f} s")
except ValueError:
    print(f"{sys.argv[2]}: FAILED or timed out")
PYEOF
  if [ -n "${OUT:-}" ] && [ -f "$DIR/$name/adapter_model.safetensors" ]; then
    tar -czf "$OUT/$name.tgz" -C "$DIR/$name" adapter_model.safetensors adapter_config.json versus_adapter.json
  fi
  # A run that failed or timed out says how far it got (the trainer's last progress line).
  [ -f "$DIR/$name/adapter_model.safetensors" ] || tr '\r' '\n' <"$DIR/$name.log" | grep -v '^\s*$' | tail -n 2 | cut -c1-200
done
