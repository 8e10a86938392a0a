#!/usr/bin/env bash
# Train the embedded model's adapter on the seed set through the product's own trainer
# (python -m model.train), one configuration per process, side by side on one GPU, and print each
# one's validation loss. The winner ships as data/adapters/smollm2-seed (see bench/README.md).
#
#   bash bench/train_seed_sweep.sh "r16 lr2e-4 e3" "r16 lr5e-4 e3" ...
#
# Each argument is "rRANK lrLR eEPOCHS". Adapters land in $SWEEP_DIR/NAME (default /tmp/sweep);
# with $OUT set, each rank-16 adapter comes back as $OUT/NAME.tgz and the losses as $OUT/sweep.txt.
set -u -o pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIR=${SWEEP_DIR:-/tmp/sweep}
PY=${PY:-python3}
mkdir -p "$DIR"
export HF_HUB_OFFLINE=1 TRANSFORMERS_VERBOSITY=error TOKENIZERS_PARALLELISM=false
cd "$ROOT"
# Materialize the embedded model once, then every run reads the same directory.
$PY -c "from model.base import materialize_embedded; from pathlib import Path; print(materialize_embedded(Path('$DIR/home')))"
pids=()
for spec in "$@"; do
  read -r r lr e <<<"$spec"
  name="${r}-${lr}-${e}"
  $PY -m model.train --base embedded --home "$DIR/home" --output "$DIR/$name" --quantize none \
      --rank "${r#r}" --learning-rate "${lr#lr}" --epochs "${e#e}" --bf16-weights \
      >"$DIR/$name.json" 2>"$DIR/$name.log" &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done
for spec in "$@"; do
  read -r r lr e <<<"$spec"
  name="${r}-${lr}-${e}"
  $PY - "$DIR/$name.json" "$name" <<'PYEOF' | tee -a "${OUT:-$DIR}/sweep.txt"
import json, sys
text = open(sys.argv[1]).read()
try:
    r = json.loads(text[text.index("{"):])
    print(f"{sys.argv[2]}: val_loss {r['val_loss']:.4f}, train loss {r['train_loss_first']:.3f} -> {r['train_loss_last']:.3f}, {r['steps']} steps, {r['seconds']:.0f} s")
except ValueError:
    print(f"{sys.argv[2]}: FAILED")
PYEOF
  if [ -n "${OUT:-}" ] && [ "$r" = "r16" ] && [ -f "$DIR/$name/adapter_model.safetensors" ]; then
    tar -czf "$OUT/$name.tgz" -C "$DIR/$name" adapter_model.safetensors adapter_config.json versus_adapter.json
  fi
done
tail -n 3 "$DIR"/*.log | grep -i error || true
