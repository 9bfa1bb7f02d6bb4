# zhytomyr-kpi — `make help` lists the targets.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev
# One stamp per optional extra (lab, app, browser): installed once, again only after pyproject changes.
EXTRA_STAMP = $(VENV)/.installed-$(1)
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with=config/nbval.ini

.DEFAULT_GOAL := help
.PHONY: help setup data report demo test lint lab app bench notebooks clean

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name zhytomyr-kpi --display-name "zhytomyr-kpi (.venv)" >/dev/null
	touch $(STAMP)

$(VENV)/.installed-%: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[$*]'
	touch $@

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

test: setup $(call EXTRA_STAMP,lab) $(call EXTRA_STAMP,app) $(call EXTRA_STAMP,browser) ## every test: lint, unit, data, CLI, property, browser tests and the notebooks (nbval)
	$(BIN)/ruff check zhytomyr_kpi tests benchmarks tools
	@command -v chromium >/dev/null 2>&1 || echo "Chromium не знайдено: тести в браузері буде пропущено. Встановіть: sudo apt-get install chromium"
	$(BIN)/python -m pytest tests
	@if ls notebooks/*.ipynb >/dev/null 2>&1; then $(BIN)/python -m pytest $(NBVAL) notebooks; fi

lab: $(call EXTRA_STAMP,lab) ## open JupyterLab with the project's kernel (prints the address; root and headless too)
	$(BIN)/python -m zhytomyr_kpi.serve lab

app: $(call EXTRA_STAMP,app) ## the no-code app (explorer and overview, Voilà) on 127.0.0.1; prints the address
	$(BIN)/python -m zhytomyr_kpi.serve app

notebooks: setup ## re-execute the notebooks in place (after changing the library or the data)
	MPLBACKEND=module://matplotlib_inline.backend_inline $(BIN)/python tools/run_notebooks.py

bench: setup ## benchmarks: medians and ratios (not a test)
	$(BIN)/python benchmarks/bench.py

clean: ## remove the virtual environment and caches (not data/processed)
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
