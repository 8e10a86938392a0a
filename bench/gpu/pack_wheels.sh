#!/usr/bin/env bash
# Packs the wheels bench/gpu_check.sh's `setup` installs on the GPU machine: bench/gpu/wheel_pins.txt for
# CPython 3.12 on x86_64, trimmed to fit one call (64 MiB with the tree): bitsandbytes keeps only its CPU
# and CUDA 13 libraries (.whl/, 3.5 MB), wordfreq only its English lists (in .whl2/, 21 MB in all).
#
#   bash bench/gpu/pack_wheels.sh        # then: carry .whl .whl2 (git-ignored)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PY=${PY:-python3}
rm -rf "$ROOT/.whl" "$ROOT/.whl2" && mkdir -p "$ROOT/.whl" "$ROOT/.whl2"
"$PY" -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 --platform manylinux_2_28_x86_64 \
  --platform manylinux_2_24_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 \
  -d "$ROOT/.whl2" -r "$ROOT/bench/gpu/wheel_pins.txt"
mv "$ROOT"/.whl2/bitsandbytes-*.whl "$ROOT/.whl/"
"$PY" - "$ROOT"/.whl/bitsandbytes-*.whl "$ROOT"/.whl2/wordfreq-*.whl <<'PY'
import os, re, sys, zipfile

def unwanted(name: str) -> bool:
    if name.startswith("bitsandbytes/libbitsandbytes_"):
        return not re.search(r"_(cpu|cuda130)\.so$", name)
    return name.startswith("wordfreq/data/") and "_en." not in name

for path in sys.argv[1:]:  # rewrite the wheel without those files, and its RECORD without their lines
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(path + ".tmp", "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if unwanted(info.filename):
                continue
            data = src.read(info.filename)
            if info.filename.endswith(".dist-info/RECORD"):
                lines = [l for l in data.decode().splitlines() if not unwanted(l.split(",")[0])]
                data = ("\n".join(lines) + "\n").encode()
            dst.writestr(info, data)
    os.replace(path + ".tmp", path)
PY
du -sh "$ROOT/.whl" "$ROOT/.whl2"
