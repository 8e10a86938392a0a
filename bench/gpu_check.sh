#!/usr/bin/env bash
# The GPU path end to end, through the product's own CLI, on a Llama-3.1-8B-shaped model.
#
#   bash bench/gpu_check.sh STEP [STEP ...]
#
# STEP is `setup`, or `NAME[:MODE]` with NAME one of retrain | eval | generate | vllm | plain | trainspeed and MODE
# `full` (the whole card, default) or `cap` (VERSUS_GPU_CAP_GB=15 through bench/gpu/sitecustomize.py:
# a 16 GB card's budget). `all` = setup, the steps for full (trainspeed included), then those for cap.
# Each step prints its peak GPU memory (nvidia-smi, sampled every 200 ms, whole device) and throughput.
#
#   setup     install the carried wheels (.whl/, .whl2/ -> /tmp/site), build the 8B-shaped model
#             (bench/gpu/make_8b_shape.py, random bf16 weights, SmolLM2's tokenizer) and two data
#             homes whose config.toml points [model] base at it ([train] batch 2, seq 512)
#   retrain   versus retrain --max-steps 20 --min-approved 0 (train, promotion-gate eval, merge)
#   eval      versus eval (the active version, or the base when none is active; seed validation split)
#   generate  versus generate --input 40 seed snippets, n=4, 60 new tokens
#   vllm      the same with --backend vllm (the engine's start counted, as a user's one-off call pays it),
#             then bench/vllm_vs_transformers.py on the same weights (160 snippets, greedy, start-up timed
#             apart from generation). vLLM comes from $VLLM_SITE, unpacked from one split tar.xz carried in
#             parts (.vl1/part.00 + .vl1/site.sha256, .vl2/part.01, ...; 64 MiB a call) that
#             bench/gpu/pack_vllm.sh makes from bench/gpu/vllm_pins.txt. A carried folder
#             is gone at the next call, so every run first stashes the parts it finds under $WORK:
#               carry .vl1:            bash bench/gpu_check.sh
#               carry .vl2:            bash bench/gpu_check.sh
#               carry .vl3 .whl .whl2: bash bench/gpu_check.sh setup vllm generate:full
#   plain     plain model.generate on the same weights, batch 64, 100-token prompts, 60 new tokens
#             (bf16 on the full card, NF4 under the cap), eager and static-cache; and beside them the
#             backend's own decode (static_decode.py, CUDA graphs) on the same workload, its step the
#             model's forward (backend-model-step) and llama_step.py's (backend, what the product runs)
#             (PLAIN_VARIANTS picks some of: eager static backend-model-step backend); decode steps timed
#             apart from the prefill; PLAIN_PROFILE=1 adds the backend's top kernels (torch.profiler) to its log
#   trainspeed  QLoRA training speed, batch 2 x 512 tokens: the plain recipe (bench/train_8b_shape.py
#             variant A) and the product's SFTTrainer path (bench/gpu/train_product_speed.py), one
#             after the other (full card only)
#
# Everything persists under $GPU_CHECK_WORK (default /tmp/gpu-check), so a warm machine can take the
# steps over several calls (10 minutes each). `bash bench/gpu/pack_wheels.sh` packs the wheels (.whl,
# .whl2: bench/gpu/wheel_pins.txt, trimmed to fit one call beside the tree). E.g.
#   1. carry .whl .whl2:     bash bench/gpu_check.sh setup generate:full retrain:cap generate:cap eval:full
#   2.                       bash bench/gpu_check.sh plain:full trainspeed retrain:full
#   3.                       bash bench/gpu_check.sh eval:cap plain:cap
# Results: $OUT/summary.txt (this call) and $OUT/summary-all.txt (every call since setup),
# $OUT/logs.tgz (each step's stdout/stderr and JSON). Without $OUT they go to $GPU_CHECK_WORK/out.
# Each step is stopped after $STEP_TIMEOUT s (default 540) so the summary is always written.
# CPU dry run of the harness (tiny random Llama instead of the 8B shape, no wheels):
#   PY=.venv/bin/python GPU_CHECK_TINY=1 bash bench/gpu_check.sh setup retrain eval generate plain
set -u -o pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=${GPU_CHECK_WORK:-/tmp/gpu-check}
OUT=${OUT:-$WORK/out}
PY=${PY:-python3}
SITE=${GPU_CHECK_SITE:-/tmp/site}
VLLM_SITE=${GPU_CHECK_VLLM_SITE:-/tmp/vlsite}
STEP_TIMEOUT=${STEP_TIMEOUT:-540}
CAP_GB=${CAP_GB:-15}
MODEL=$WORK/llama-3.1-8b-shape
SNIPPETS=$WORK/snippets40.jsonl
LOGS=$WORK/logs
mkdir -p "$WORK" "$OUT" "$LOGS"
SUMMARY=$OUT/summary.txt
: >"$SUMMARY"
PARTS=$WORK/vllm-parts
mkdir -p "$PARTS" && cp "$ROOT"/.vl[0-9]/* "$PARTS"/ 2>/dev/null  # this call's vLLM parts (see vllm above)
export HF_HUB_OFFLINE=1 TRANSFORMERS_VERBOSITY=error TOKENIZERS_PARALLELISM=false PYTHONUNBUFFERED=1
export HF_HUB_DISABLE_PROGRESS_BARS=1 HF_DATASETS_DISABLE_PROGRESS_BARS=1
if [ -d "$SITE" ]; then export PYTHONPATH=$SITE; fi

say() { echo "$*" | tee -a "$SUMMARY" >>"$WORK/summary-all.txt"; }

# --- peak GPU memory: nvidia-smi sampled in the background -------------------------------------------
MON_PID=""
mon_start() {  # $1: file for the samples (MiB used on GPU 0)
  MON_FILE=$1
  : >"$MON_FILE"
  if command -v nvidia-smi >/dev/null; then
    nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits -i 0 -lms 200 >"$MON_FILE" 2>/dev/null &
    MON_PID=$!
  fi
}
mon_stop() {  # prints "peak X GiB (baseline Y GiB)"
  if [ -n "$MON_PID" ]; then kill "$MON_PID" 2>/dev/null; wait "$MON_PID" 2>/dev/null; MON_PID=""; fi
  awk 'NF { v=$1+0; if (NR==1) b=v; if (v>m) m=v } END { if (NR) printf "peak %.1f GiB (baseline %.1f GiB)", m/1024, b/1024; else printf "peak n/a (no nvidia-smi)" }' "$MON_FILE"
}

# Run one product command under the monitor: run_step NAME MODE -- command...
run_step() {
  local name=$1 mode=$2; shift 3
  if [ "$1" = versus ]; then shift; set -- "$PY" "$ROOT/cli.py" "$@"; fi  # timeout runs programs, not functions
  local log=$LOGS/$name-$mode
  local env_cap=()
  if [ "$mode" = cap ]; then
    env_cap=(env "PYTHONPATH=$ROOT/bench/gpu${PYTHONPATH:+:$PYTHONPATH}" "VERSUS_GPU_CAP_GB=$CAP_GB")
  else
    env_cap=(env "VERSUS_GPU_CAP_GB=0")
  fi
  mon_start "$log.mem"
  local t0=$SECONDS
  timeout --signal=TERM --kill-after=20 "$STEP_TIMEOUT" "${env_cap[@]}" "$@" >"$log.out" 2>"$log.err"
  local rc=$?
  local wall=$((SECONDS - t0))
  local mem; mem=$(mon_stop)
  STEP_RC=$rc; STEP_WALL=$wall; STEP_MEM=$mem; STEP_LOG=$log
  # A decode that could not be captured still works, only slower: say so next to its numbers.
  grep -m1 -h "CUDA graph capture failed" "$log.err" | sed "s/^/[$name:$mode] /" | tee -a "$SUMMARY" >>"$WORK/summary-all.txt"
  if [ $rc -ne 0 ]; then
    local why="exit $rc"; [ $rc -eq 124 ] && why="timed out after ${STEP_TIMEOUT}s"
    say "[$name:$mode] FAILED ($why) after ${wall}s, $mem; last stderr lines:"
    grep -v '^\s*$' "$log.err" | tail -n 6 | sed 's/^/    /' | tee -a "$SUMMARY" >>"$WORK/summary-all.txt"
  fi
  return $rc
}

home_for() { echo "$WORK/home-$1"; }

write_home() {  # $1: mode
  local home; home=$(home_for "$1")
  mkdir -p "$home"
  cat >"$home/config.toml" <<EOF
[model]
base = "$MODEL"

[train]
batch_size = 2
max_seq_length = 512
min_approved = 0

[review]
stale_hours = 0
EOF
}

# --- steps -----------------------------------------------------------------------------------------
step_setup() {
  say "== setup $(date -u +%FT%TZ) on $(hostname)"
  if command -v nvidia-smi >/dev/null; then
    say "$(nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader)"
  fi
  local dir
  for dir in .whl .whl2; do
    if compgen -G "$ROOT/$dir/*.whl" >/dev/null && [ "${SKIP_INSTALL:-${GPU_CHECK_TINY:-0}}" != 1 ]; then
      "$PY" -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target "$SITE" \
        "$ROOT/$dir"/*.whl >"$LOGS/pip-$dir.log" 2>&1 \
        && say "installed $(ls "$ROOT/$dir" | wc -l) wheels from $dir into $SITE" \
        || { say "pip install from $dir FAILED:"; tail -n 5 "$LOGS/pip-$dir.log" | tee -a "$SUMMARY"; }
    fi
  done
  [ -d "$SITE" ] && export PYTHONPATH=$SITE
  setup_vllm
  "$PY" - <<'EOF' 2>&1 | tee -a "$SUMMARY" >>"$WORK/summary-all.txt"
import importlib.metadata as md, platform
names = ["torch", "transformers", "peft", "trl", "bitsandbytes", "wordfreq", "accelerate", "datasets", "huggingface-hub",
         "tokenizers", "safetensors", "pyarrow", "fsspec", "regex", "click", "sqlite-utils", "feedparser"]
have = {}
for n in names:
    try:
        have[n] = md.version(n)
    except md.PackageNotFoundError:
        have[n] = "MISSING"
print("python", platform.python_version(), " ".join(f"{k}={v}" for k, v in have.items()))
# Requirements of the carried packages that the machine's own packages do not meet (the install used --no-deps).
from packaging.requirements import Requirement
bad = []
for n in ["transformers", "peft", "trl", "datasets", "bitsandbytes", "sqlite-utils", "feedparser", "apscheduler"]:
    try:
        reqs = md.requires(n) or []
    except md.PackageNotFoundError:
        continue
    for r in map(Requirement, reqs):
        if r.marker and not r.marker.evaluate({"extra": ""}):
            continue
        try:
            v = md.version(r.name)
        except md.PackageNotFoundError:
            bad.append(f"{n} needs {r} (missing)")
            continue
        if r.specifier and not r.specifier.contains(v, prereleases=True):
            bad.append(f"{n} needs {r}, have {v}")
print("unmet requirements:", "; ".join(bad) if bad else "none")
EOF
  # The product's own imports, as `versus` makes them.
  (cd "$ROOT" && "$PY" -c "import trl, peft, bitsandbytes, datasets, sqlite_utils, feedparser, apscheduler, gguf, platformdirs, wordfreq" \
     && "$PY" cli.py --help >/dev/null) >"$LOGS/imports.log" 2>&1 && say "imports and \`versus --help\`: ok" \
     || { say "product imports FAILED:"; tail -n 4 "$LOGS/imports.log" | tee -a "$SUMMARY"; }

  if [ -f "$MODEL/config.json" ]; then
    say "model: $MODEL already built"
  elif [ "${GPU_CHECK_TINY:-0}" = 1 ]; then
    "$PY" - "$MODEL" "$ROOT/data/adapters/smollm2-seed" <<'EOF' 2>&1 | tail -n 1 | tee -a "$SUMMARY"
import shutil, sys
from pathlib import Path
import torch
from transformers import LlamaConfig, LlamaForCausalLM
out, tok = Path(sys.argv[1]), Path(sys.argv[2])
cfg = LlamaConfig(hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=4,
                  num_key_value_heads=2, vocab_size=49152, bos_token_id=1, eos_token_id=2, pad_token_id=2)
torch.manual_seed(0)
LlamaForCausalLM(cfg).save_pretrained(out)
for f in ["tokenizer.json", "tokenizer_config.json", "chat_template.jinja"]:
    if (tok / f).exists():
        shutil.copy(tok / f, out / f)
print(f"wrote tiny model to {out}")
EOF
  else
    mon_start "$LOGS/build.mem"
    local t0=$SECONDS
    VERSUS_GPU_CAP_GB=0 "$PY" "$ROOT/bench/gpu/make_8b_shape.py" "$MODEL" "$ROOT/data/adapters/smollm2-seed" \
      >"$LOGS/build.log" 2>&1
    local rc=$?
    say "model: build exit $rc in $((SECONDS - t0))s, $(mon_stop): $(tail -n 1 "$LOGS/build.log")"
  fi
  write_home full
  write_home cap
  "$PY" - "$SNIPPETS" "$ROOT/data/seed_captions.jsonl" <<'EOF'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8") if line.strip()][:40]
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for r in rows:
        f.write(json.dumps({"id": r["id"], "snippet": r["snippet"]}) + "\n")
EOF
  say "homes: $(home_for full), $(home_for cap) ([model] base = $MODEL); input: $SNIPPETS (40 snippets)"
  df -h "$WORK" | tail -n 1 | awk '{print "disk: " $4 " free on " $6}' | tee -a "$SUMMARY" >>"$WORK/summary-all.txt"
}

setup_vllm() {  # the stashed parts of vLLM's install, joined, checked and unpacked once
  [ -d "$VLLM_SITE/vllm" ] && return 0
  compgen -G "$PARTS/part.*" >/dev/null || return 0
  cat "$PARTS"/part.* >"$WORK/vllm-site.tar.xz"
  if [ -f "$PARTS/site.sha256" ] && ! (cd "$WORK" && sed 's#  .*#  vllm-site.tar.xz#' "$PARTS/site.sha256" | sha256sum -c --quiet -); then
    say "vllm: the parts in $PARTS ($(cd "$PARTS" && echo part.*)) do not match site.sha256: one not carried yet?"
    return 0
  fi
  mkdir -p "$VLLM_SITE" && tar -xJf "$WORK/vllm-site.tar.xz" -C "$VLLM_SITE" && rm -f "$WORK/vllm-site.tar.xz" \
    && say "vllm: unpacked $(ls "$PARTS"/part.* | wc -l) parts into $VLLM_SITE ($(du -sh "$VLLM_SITE" | cut -f1))"
}

step_vllm() {
  setup_vllm
  if [ ! -d "$VLLM_SITE/vllm" ]; then say "[vllm:$1] skipped: vLLM is not unpacked in $VLLM_SITE"; return; fi
  step_generate "$1" vllm
  run_step vllm-vs-transformers "$1" -- env "PYTHONPATH=$VLLM_SITE${PYTHONPATH:+:$PYTHONPATH}" "$PY" \
    "$ROOT/bench/vllm_vs_transformers.py" --base "$MODEL" --home "$(home_for "$1")" --snippets 160
  [ "$STEP_RC" -eq 0 ] && grep -E "start-up|captions in|/ transformers" "$STEP_LOG.out" | sed "s/^/[vllm-vs-transformers:$1] /" \
    | tee -a "$SUMMARY" >>"$WORK/summary-all.txt"
}

free_disk_for_merge() {  # a merged 8B checkpoint is 16-32 GB: drop the other home's merged weights first
  local avail; avail=$(df -Pk "$WORK" | awk 'NR==2 {print int($4/1048576)}')
  if [ "${avail:-0}" -lt 40 ]; then
    find "$WORK"/home-*/models/versions -maxdepth 2 -name merged -type d -exec rm -rf {} + 2>/dev/null
    say "    (freed disk: removed merged weights of earlier runs; ${avail} GiB were free)"
  fi
}

step_retrain() {
  local mode=$1 home; home=$(home_for "$mode")
  free_disk_for_merge
  run_step retrain "$mode" -- versus --home "$home" retrain --max-steps 20 --min-approved 0 --json
  [ "$STEP_RC" -ne 0 ] && return
  "$PY" - "$STEP_LOG.out" "$home" "$ROOT" "$mode" "$STEP_WALL" "$STEP_MEM" <<'EOF' | tee -a "$SUMMARY" >>"$WORK/summary-all.txt"
import json, sqlite3, sys
out, home, root, mode, wall, mem = sys.argv[1:]
text = open(out).read()
r = json.loads(text[text.index("{"):])
m = {}
try:
    db = sqlite3.connect(f"{home}/versus.db")
    db.row_factory = sqlite3.Row
    row = db.execute("select * from model_versions where version = ?", (r.get("version"),)).fetchone()
    m = json.loads(row["metrics"] or "{}") if row else {}
except Exception as e:  # the store layout may move; the CLI's own JSON is enough
    m = {"error": str(e)}
steps, secs = m.get("steps"), m.get("train_seconds")
tok = f", ~{steps * 2 * 512 / secs:.0f} tokens/s upper bound (batch 2 x 512)" if steps and secs else ""
print(f"[retrain:{mode}] {wall}s wall, {mem}; version {r.get('version')} trained {steps} steps in {secs}s{tok}; "
      f"val loss {r.get('val_loss')}; promoted {r.get('promoted')}" + ("" if r.get("promoted") else f" ({r.get('reason')})"))
gate = (m.get("gate") or {}).get("summary")
if gate:
    print(f"    gate: {gate}")
EOF
}

step_eval() {
  local mode=$1 home; home=$(home_for "$mode")
  run_step eval "$mode" -- versus --home "$home" eval --json
  [ "$STEP_RC" -ne 0 ] && return
  "$PY" - "$STEP_LOG.out" "$mode" "$STEP_WALL" "$STEP_MEM" <<'EOF' | tee -a "$SUMMARY" >>"$WORK/summary-all.txt"
import json, sys
out, mode, wall, mem = sys.argv[1:]
text = open(out).read()
r = json.loads(text[text.index("{"):])
for v in r["versions"]:
    print(f"[eval:{mode}] {wall}s wall, {mem}; {v['version']} on {v['snippets']} snippets ({v['backend']}): "
          f"{v['captions_per_s']} captions/s, generation {v['seconds']}s, val loss {v['val_loss']}")
EOF
}

step_generate() {  # $1: mode, $2: backend (default: the config's)
  local mode=$1 backend=${2:-} home; home=$(home_for "$mode")
  local name=generate${backend:+-$backend} flag=() env=()
  [ -n "$backend" ] && flag=(--backend "$backend")
  [ "$backend" = vllm ] && env=(env "PYTHONPATH=$VLLM_SITE${PYTHONPATH:+:$PYTHONPATH}")
  run_step "$name" "$mode" -- "${env[@]}" "$PY" "$ROOT/cli.py" --home "$home" generate --input "$SNIPPETS" \
    --output "$LOGS/captions-$name-$mode.jsonl" --n 4 --max-new-tokens 60 --json "${flag[@]}"
  [ "$STEP_RC" -ne 0 ] && return
  "$PY" - "$STEP_LOG.out" "$name:$mode" "$STEP_WALL" "$STEP_MEM" <<'EOF' | tee -a "$SUMMARY" >>"$WORK/summary-all.txt"
import json, sys
out, mode, wall, mem = sys.argv[1:]
text = open(out).read()
r = json.loads(text[text.index("{"):])
rows = r["captions"] * 4  # n = 4; random weights never stop early: every row decodes 60 tokens
print(f"[{mode}] {wall}s wall, {mem}; {r['captions']} snippets x n=4 in {r['seconds']}s: "
      f"{r['captions_per_s']} captions/s, ~{rows * 60 / r['seconds']:.0f} new tokens/s "
      f"(model {r['model']}, {r['backend']}; target >= 2.5 captions/s on the full H200)")
EOF
}

step_plain() {
  local mode=$1 quant=none
  [ "$mode" = cap ] && quant=4bit
  local variant
  for variant in ${PLAIN_VARIANTS:-eager static backend-model-step backend}; do
    local flag=()
    case $variant in
      static) flag=(--static) ;;
      backend) flag=(--backend ${PLAIN_PROFILE:+--profile}) ;;
      backend-model-step) flag=(--backend --model-step) ;;
    esac
    run_step "plain-$variant" "$mode" -- "$PY" "$ROOT/bench/gpu/plain_generate.py" "$MODEL" --batch 64 \
      --quant "$quant" "${flag[@]}"
    [ "$STEP_RC" -ne 0 ] && continue
    "$PY" - "$STEP_LOG.out" "$mode" "$variant" "$STEP_WALL" "$STEP_MEM" <<'EOF' | tee -a "$SUMMARY" >>"$WORK/summary-all.txt"
import json, sys
out, mode, variant, wall, mem = sys.argv[1:]
r = json.loads(open(out).read().strip().splitlines()[-1])
frac = f" = {r['fraction_of_ceiling']:.1%} of the {r['ceiling_tokens_per_s']} ceiling" if r["fraction_of_ceiling"] else ""
what = f"backend decode ({r['step']} step)" if r.get("backend") else "model.generate"
step = (f"; decode steps alone {r['decode_step_ms']} ms = {r['decode_fraction_of_ceiling']:.1%} of the ceiling, "
        f"prefill + first token {r['prefill_and_first_s']} s" if r.get("decode_fraction_of_ceiling") else "")
print(f"[plain-{variant}:{mode}] {wall}s wall, {mem}; {what} {r['quant']} {r['dtype']} batch {r['batch']}: "
      f"{r['tokens_per_s']} tokens/s{frac}{step}; torch peak {r['peak_reserved_gib']} GiB reserved")
EOF
  done
}

step_trainspeed() {
  run_step trainspeed-plain "$1" -- "$PY" "$ROOT/bench/train_8b_shape.py" --variants A --out "$LOGS"
  [ "$STEP_RC" -eq 0 ] && say "[trainspeed-plain:$1] $STEP_WALL s wall, $STEP_MEM; $(grep '^\[A\] done' "$STEP_LOG.out" | cut -c1-400)"
  run_step trainspeed-product "$1" -- "$PY" "$ROOT/bench/gpu/train_product_speed.py" "$MODEL"
  [ "$STEP_RC" -eq 0 ] && say "[trainspeed-product:$1] $STEP_WALL s wall, $STEP_MEM; $(tail -n 1 "$STEP_LOG.out")"
}

# --- main -------------------------------------------------------------------------------------------
[ $# -eq 0 ] && { sed -n '2,30p' "$0"; exit 2; }
steps=()
for arg in "$@"; do
  if [ "$arg" = all ]; then
    steps+=(setup retrain:full eval:full generate:full plain:full trainspeed retrain:cap eval:cap generate:cap plain:cap)
  else
    steps+=("$arg")
  fi
done
say "== gpu_check $(date -u +%FT%TZ): ${steps[*]} (project $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo +changes))"
for s in "${steps[@]}"; do
  name=${s%%:*}; mode=full; [[ $s == *:* ]] && mode=${s#*:}
  case "$mode" in full|cap) ;; *) say "unknown mode in $s (full or cap)"; exit 2 ;; esac
  if [ "$name" != setup ] && [ ! -f "$MODEL/config.json" ]; then say "[$s] skipped: run setup first"; continue; fi
  case "$name" in
    setup) step_setup ;;
    retrain) step_retrain "$mode" ;;
    eval) step_eval "$mode" ;;
    generate) step_generate "$mode" ;;
    vllm) step_vllm "$mode" ;;
    plain) step_plain "$mode" ;;
    trainspeed) step_trainspeed "$mode" ;;
    *) say "unknown step $name (setup | retrain | eval | generate | vllm | plain | trainspeed | all)"; exit 2 ;;
  esac
done
cp "$WORK/summary-all.txt" "$OUT/summary-all.txt" 2>/dev/null
tar -czf "$OUT/logs.tgz" -C "$WORK" logs 2>/dev/null
echo "----- summary ($SUMMARY)"; cat "$SUMMARY"
