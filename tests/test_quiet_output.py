"""Issue 15.13: library noise (the GGUF conversion bar, bitsandbytes' "No module named 'kernels'"
warning, transformers' FutureWarnings) goes to HOME/library.log, not the terminal; --verbose shows it."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from conftest import REPO

# A command run the way a user runs it, then the three kinds of noise the libraries make while a
# model loads, emitted the way those libraries emit them. A fresh process: tqdm reads its settings
# when first imported, as it is in a real run.
NOISE = textwrap.dedent("""
    import logging, sys, warnings
    from cli import cli
    cli.main(sys.argv[1:], standalone_mode=False)
    from tqdm.auto import tqdm
    for _ in tqdm(range(3), desc="Converting and de-quantizing GGUF tensors..."):
        pass
    logging.getLogger("bitsandbytes.backends.cpu.ops").warning(
        "Failed to load CPU gemm_4bit_forward from kernels-community: No module named 'kernels'")
    warnings.warn("`torch_dtype` is deprecated! Use `dtype` instead!", FutureWarning)
    print("done")
""")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", NOISE, *args], cwd=REPO, capture_output=True, text=True,
                          timeout=120, env={"PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1"})


@pytest.mark.parametrize("verbose", [False, True])
def test_library_noise_goes_to_the_log_unless_verbose(tmp_path, verbose):
    home = tmp_path / "home"
    result = run("--home", str(home), *(["--verbose"] if verbose else []), "config")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"# {home}") and result.stdout.endswith("done\n")
    noise = ("Converting and de-quantizing", "No module named 'kernels'", "FutureWarning")
    log = home / "library.log"
    if verbose:
        assert all(line in result.stderr for line in noise) and not log.exists()
    else:
        assert result.stderr == ""
        assert all(line in log.read_text() for line in noise[1:])
