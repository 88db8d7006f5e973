# Two commands set everything up on a fresh machine: `make site` (build) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test test-fast check-code serve check ledger release ingest fingerprints schemas offline vendor bench clean

$(BIN)/mkdocs: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test-deps: $(BIN)/mkdocs
	$(BIN)/python -m pip install --quiet -e '.[test,dev,ingest]'
	touch $@

## site: build the hosted site into site/ (strict: any warning fails)
site: $(BIN)/mkdocs
	$(BIN)/mkdocs build --strict

## offline: build the offline copy into site-offline/ and pack it as dist/outsourcing-pitfalls-offline.zip
OFFLINE_DIR ?= site-offline
OFFLINE_ZIP ?= dist/outsourcing-pitfalls-offline.zip
offline: $(BIN)/mkdocs
	OFFLINE=true SITE_DIR=$(OFFLINE_DIR) $(BIN)/mkdocs build --strict
	$(BIN)/python -m kbgen.pack $(OFFLINE_DIR) $(OFFLINE_ZIP)

## vendor: re-fetch the iframe-worker shim (offline search) from npm at the pinned version; needs npm
IFRAME_WORKER := 1.0.4
SHIM_DIR := docs/assets/vendor/iframe-worker
vendor:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  npm pack --silent --pack-destination "$$tmp" iframe-worker@$(IFRAME_WORKER) >/dev/null && \
	  tar -xzf "$$tmp/iframe-worker-$(IFRAME_WORKER).tgz" -C "$$tmp" && \
	  cp "$$tmp/package/shim/index.js" $(SHIM_DIR)/shim.js && cp "$$tmp/package/LICENSE" $(SHIM_DIR)/LICENSE
	@sha256sum $(SHIM_DIR)/shim.js

## serve: live preview at http://127.0.0.1:8000/, rebuilt on every edit under content/, docs/ or hooks/
serve: $(BIN)/mkdocs
	$(BIN)/mkdocs serve

## check: validate content/ without building (fast; used by the pre-commit hook)
check: $(BIN)/mkdocs
	$(BIN)/kbgen-check

## ledger: at a release, append the site's current URLs to content/published-urls.txt (never removes any)
ledger: $(BIN)/mkdocs
	$(BIN)/kbgen-ledger

## fingerprints: refresh content/source-fingerprints.json from the source text copies
SOURCES ?= ../shared/sources ../shared/sources-next ../shared/sources-3
fingerprints: $(BIN)/mkdocs
	$(BIN)/kbgen-fingerprint $(SOURCES)

## test: everything: lint and types, the client scripts' unit tests, and every test (browser, builds, full fuzzing)
test: $(VENV)/.test-deps browser check-code
	node --test tests/js/
	KBGEN_FUZZ=full $(BIN)/python -m pytest

## test-fast: the quick loop while editing (no browser, no site build, short fuzzing): well under 30 s
test-fast: $(VENV)/.test-deps
	$(BIN)/python -m pytest -q -m "not browser and not build and not slow"

## check-code: ruff (lint and format) and mypy over the generator and the benchmarks
check-code: $(VENV)/.test-deps
	$(BIN)/ruff check hooks bench
	$(BIN)/ruff format --check hooks bench
	$(BIN)/mypy

## release: record the catalog as released (VERSION=2026.2; needs SITE_URL, the published address)
release: $(BIN)/mkdocs
	@test -n "$(VERSION)" || { echo "usage: SITE_URL=https://... make release VERSION=2026.2" >&2; exit 2; }
	$(BIN)/kbgen-release $(VERSION)

## ingest: propose where each mistake of a new source article belongs (ARTICLE=path/to/copy.txt, or - for stdin; FORMAT=json)
ingest: $(BIN)/mkdocs
	@test -n "$(ARTICLE)" || { echo "usage: make ingest ARTICLE=path/to/article.txt [FORMAT=json]" >&2; exit 2; }
	@$(BIN)/python -c "import sklearn, snowballstemmer" 2>/dev/null || $(BIN)/python -m pip install --quiet -e '.[ingest]'
	$(BIN)/kbgen-ingest $(ARTICLE) $(if $(FORMAT),--format $(FORMAT))

## schemas: regenerate the JSON Schemas in hooks/kbgen/schemas/ from the models (a test fails when stale)
schemas: $(BIN)/mkdocs
	$(BIN)/kbgen-schemas

## bench: build synthetic catalogs (N = 20, 200, 2000) and the real one; print and write bench/results.md
bench: $(VENV)/.test-deps browser
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	-command -v npm >/dev/null && [ -x bench/.node/node_modules/.bin/lighthouse ] || \
	  npm install --silent --no-audit --no-fund --prefix bench/.node lighthouse@12
	$(BIN)/python bench/run.py

.PHONY: browser
browser:
	@if [ ! -x /usr/bin/chromium ] || ! command -v node >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium nodejs >/dev/null); \
	  else \
	    echo "The tests need Debian's chromium and nodejs: run 'sudo apt-get install chromium nodejs'." >&2; exit 1; \
	  fi; \
	fi

clean:
	rm -rf site site-offline dist
