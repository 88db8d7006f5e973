# Two commands set everything up on a fresh machine: `make site` (build) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve check ledger fingerprints offline vendor bench clean

$(BIN)/mkdocs: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test-deps: $(BIN)/mkdocs
	$(BIN)/python -m pip install --quiet -e '.[test]'
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
SOURCES ?= ../shared/sources
fingerprints: $(BIN)/mkdocs
	$(BIN)/kbgen-fingerprint $(SOURCES)

## test: the whole test suite, in a real browser
test: $(VENV)/.test-deps browser
	$(BIN)/python -m pytest

## bench: build synthetic catalogs (N = 20, 200, 2000) and the real one; print and write bench/results.md
bench: $(VENV)/.test-deps browser
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	-command -v npm >/dev/null && [ -x bench/.node/node_modules/.bin/lighthouse ] || \
	  npm install --silent --no-audit --no-fund --prefix bench/.node lighthouse@12
	$(BIN)/python bench/run.py

.PHONY: browser
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null); \
	  else \
	    echo "The tests need Debian's chromium at /usr/bin/chromium: run 'sudo apt-get install chromium'." >&2; exit 1; \
	  fi; \
	fi

clean:
	rm -rf site site-offline dist
