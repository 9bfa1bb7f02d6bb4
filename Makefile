# zhytomyr-kpi — `make help` lists the targets.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with=config/nbval.ini

.DEFAULT_GOAL := help
.PHONY: help setup data report demo test lint lab bench notebooks clean

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name zhytomyr-kpi --display-name "zhytomyr-kpi (.venv)" >/dev/null
	touch $(STAMP)

setup: $(STAMP) ## create .venv and install the package with its test tools

data: setup ## rebuild data/processed/ from data/raw/
	$(BIN)/zhytomyr-kpi build

report: data ## main job: tables, the validation summary and the four evaluation PDFs in reports/
	$(BIN)/zhytomyr-kpi validate
	$(BIN)/zhytomyr-kpi report --all

demo: data ## example reports from a complete made-up set of executors' submissions (ПРИКЛАД)
	$(BIN)/zhytomyr-kpi report --all --example

lint: setup ## ruff
	$(BIN)/ruff check zhytomyr_kpi tests benchmarks tools

test: setup ## every test: lint, unit, data, CLI, property tests and the notebooks (nbval)
	$(BIN)/ruff check zhytomyr_kpi tests benchmarks tools
	$(BIN)/python -m pytest tests
	@if ls notebooks/*.ipynb >/dev/null 2>&1; then $(BIN)/python -m pytest $(NBVAL) notebooks; fi

lab: setup ## open JupyterLab with the project's kernel
	$(BIN)/python -m pip install --quiet -e '.[lab]'
	$(BIN)/jupyter lab notebooks

notebooks: setup ## re-execute the notebooks in place (after changing the library or the data)
	MPLBACKEND=module://matplotlib_inline.backend_inline $(BIN)/python tools/run_notebooks.py

bench: setup ## benchmarks: medians and ratios (not a test)
	$(BIN)/python benchmarks/bench.py

clean: ## remove the virtual environment and caches (not data/processed)
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
