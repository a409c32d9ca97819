# trendgraph — the two commands a new user needs are `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
STORE ?=
PORT ?= 8501
TEST_WORKERS ?= 2
STORE_ARG := $(if $(STORE),--store $(STORE),)

.PHONY: run test test-fast setup ingest app neo4j-start neo4j-stop lint bench clean

$(STAMP): pyproject.toml
	@PY=$$(scripts/find-python.sh) && echo "Using $$PY" && \
	  ( [ -x $(BIN)/python ] || $$PY -m venv $(VENV) )
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
# warm mypy's cache (~30 s cold, ~3 s warm): the suite's type check then fits test-fast's minute
	-@$(BIN)/python -m mypy > /dev/null
	@touch $(STAMP)

setup: $(STAMP) ## create .venv and install trendgraph with its spaCy models

ingest: setup ## ingest the sample corpus into the store
	$(BIN)/trendgraph ingest data/ $(STORE_ARG)

app: setup ## open the explorer
	$(BIN)/trendgraph app $(STORE_ARG) --port $(PORT)

run: ingest app ## set up, ingest the sample corpus and open the app

neo4j-start: ## start the local Neo4j 5.26 (Java 17 + Maven)
	services/neo4j/start.sh

neo4j-stop: ## stop the local Neo4j
	services/neo4j/stop.sh

test: setup ## set up and run the whole test suite (starts and stops Neo4j)
	@scripts/test.sh

test-fast: setup ## the suite without Neo4j, a browser or the slow tests, on two workers
# loadgroup: one worker runs every test that needs the spaCy models (tests/conftest.py)
	$(BIN)/python -m pytest -m "not neo4j and not browser and not slow" -q -n $(TEST_WORKERS) --dist loadgroup

lint: setup
	$(BIN)/ruff check .

bench: setup ## speed figures (start Neo4j first to include it)
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/load.py
	$(BIN)/python bench/app_pages.py

clean:
	rm -rf $(VENV) build *.egg-info test-output
