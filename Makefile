# Two commands set everything up on a fresh machine: `make site` (build) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test test-fast test-latest fuzz lock check-code serve check ledger release ingest fingerprints schemas \
	offline vendor bench browser clean wheel

# Everything is installed from the lock: hooks/kbgen/locks/site.txt (what building a site needs; the package
# carries it, so a project that kbgen new makes installs the same) and requirements/dev.txt (that, and the
# test, dev, bench and ingest tools), exact versions with their hashes, wheels only, so a commit installs the
# same packages on any day. `make lock` refreshes them; a changed site lock makes a new virtual environment.
SITE_LOCK := hooks/kbgen/locks/site.txt
PIP_LOCKED := $(BIN)/python -m pip install --quiet --require-hashes --no-deps --only-binary :all: -r
SITE_DEPS := $(VENV)/.locked-site $(VENV)/.project
DEV_DEPS := $(SITE_DEPS) $(VENV)/.locked-dev

$(VENV)/.locked-site: $(SITE_LOCK)
	rm -rf $(VENV) && $(PYTHON) -m venv $(VENV)
	$(PIP_LOCKED) $(SITE_LOCK)
	touch $@

$(VENV)/.locked-dev: requirements/dev.txt $(VENV)/.locked-site
	$(PIP_LOCKED) requirements/dev.txt
	touch $@

# The project itself, editable, built by the locked setuptools (no build environment of its own).
$(VENV)/.project: pyproject.toml $(VENV)/.locked-site
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# The builder: mkdocs (default; the hooks), properdocs or zensical (the tree kbgen generate writes). See README, Builders.
BUILDER ?= mkdocs

## site: build the hosted site into site/ (strict: any warning fails); BUILDER=properdocs|zensical, SITE_DIR, SITE_URL
site: $(SITE_DEPS)
	$(BIN)/kbgen build --builder $(BUILDER)

## offline: build the offline copy into site-offline/ and pack it as dist/outsourcing-pitfalls-offline.zip
OFFLINE_DIR ?= site-offline
OFFLINE_ZIP ?= dist/outsourcing-pitfalls-offline.zip
offline: $(SITE_DEPS)
	OFFLINE=true SITE_DIR=$(OFFLINE_DIR) $(BIN)/kbgen build --builder $(BUILDER)
	$(BIN)/kbgen pack $(OFFLINE_DIR) $(OFFLINE_ZIP)

## vendor: re-fetch the iframe-worker shim (offline search) from npm at the pinned version; needs npm
IFRAME_WORKER := 1.0.4
SHIM_DIR := hooks/kbgen/assets/vendor/iframe-worker
vendor:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  npm pack --silent --pack-destination "$$tmp" iframe-worker@$(IFRAME_WORKER) >/dev/null && \
	  tar -xzf "$$tmp/iframe-worker-$(IFRAME_WORKER).tgz" -C "$$tmp" && \
	  cp "$$tmp/package/shim/index.js" $(SHIM_DIR)/shim.js && cp "$$tmp/package/LICENSE" $(SHIM_DIR)/LICENSE
	@sha256sum $(SHIM_DIR)/shim.js

## serve: live preview at http://127.0.0.1:8000/, rebuilt on every edit under content/, docs/ (or hooks/); BUILDER
serve: $(SITE_DEPS)
	$(BIN)/kbgen serve --builder $(BUILDER)

## check: validate content/ without building (fast; used by the pre-commit hook)
check: $(SITE_DEPS)
	$(BIN)/kbgen check

## ledger: at a release, append the site's current URLs to content/published-urls.txt (never removes any)
ledger: $(SITE_DEPS)
	$(BIN)/kbgen ledger

## fingerprints: refresh content/source-fingerprints.json from the source text copies
SOURCES ?= ../shared/sources ../shared/sources-next ../shared/sources-3
fingerprints: $(SITE_DEPS)
	$(BIN)/kbgen fingerprint $(SOURCES)

## test: everything: lint and types, the client scripts' unit tests, and every test (browser, builds, full fuzzing)
test: $(DEV_DEPS) browser check-code
	$(BIN)/python .ci/lock.py check requirements/dev.txt
	node --test tests/js/
	KBGEN_FUZZ=full $(BIN)/python -m pytest

## test-fast: the quick loop while editing (no browser, no site build, short fuzzing): well under 30 s
test-fast: $(DEV_DEPS)
	$(BIN)/python -m pytest -q -m "not browser and not build and not slow"

## fuzz: the property tests with new random examples, many more of them (not part of make test: not repeatable)
fuzz: $(DEV_DEPS)
	KBGEN_FUZZ=search $(BIN)/python -m pytest -q tests/test_fuzz.py tests/test_hostile_files.py

## lock: take the newest versions the ranges in pyproject.toml allow into requirements/*.txt; then run make test
lock: $(DEV_DEPS)
	$(BIN)/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes --upgrade \
	  --custom-compile-command "make lock" --all-extras pyproject.toml requirements/build.in -o requirements/dev.txt
	$(BIN)/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	  --custom-compile-command "make lock" --extra builders pyproject.toml requirements/build.in \
	  -c requirements/dev.txt -o $(SITE_LOCK)
	$(BIN)/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	  --custom-compile-command "make lock" requirements/tests.in -c requirements/dev.txt -o hooks/kbgen/locks/tests.txt

## test-latest: the drift check: newest versions in .venv-latest, the quick loop and a strict build, what differs
test-latest: browser
	.ci/test-latest

## check-code: ruff (lint and format) and mypy over the generator and the benchmarks; the package's layers
check-code: $(DEV_DEPS)
	$(BIN)/ruff check hooks bench
	$(BIN)/ruff format --check hooks bench
	$(BIN)/mypy
	PYTHONPATH=hooks $(BIN)/lint-imports --no-cache

## release: record the catalog as released (VERSION=2026.2; needs SITE_URL, the published address)
release: $(SITE_DEPS)
	@test -n "$(VERSION)" || { echo "usage: SITE_URL=https://... make release VERSION=2026.2" >&2; exit 2; }
	$(BIN)/kbgen release $(VERSION)

## ingest: propose where each mistake of a new source article belongs (ARTICLE=path/to/copy.txt, or - for stdin; FORMAT=json)
ingest: $(DEV_DEPS)
	@test -n "$(ARTICLE)" || { echo "usage: make ingest ARTICLE=path/to/article.txt [FORMAT=json]" >&2; exit 2; }
	$(BIN)/kbgen ingest $(ARTICLE) $(if $(FORMAT),--format $(FORMAT))

## schemas: regenerate the JSON Schemas in hooks/kbgen/schemas/ from the models (a test fails when stale)
schemas: $(SITE_DEPS)
	$(BIN)/kbgen schemas

## wheel: the generator as an installable wheel, in dist/ (what `kbgen new --kbgen` takes)
wheel: $(SITE_DEPS)
	$(BIN)/python -m pip wheel --quiet --no-deps --no-build-isolation -w dist .

## bench: build synthetic catalogs (N = 20, 200, 2000) and the real one; print and write bench/results.md
bench: $(DEV_DEPS) browser
	-command -v npm >/dev/null && npm ci --loglevel=error --no-audit --no-fund --prefix bench/node
	$(BIN)/python bench/run.py

# The tests' programs from Debian: chromium (the browser tests), nodejs (the client scripts' unit tests) and
# LibreOffice Calc without its user interface (a real spreadsheet opens the checklist CSV: tests/test_entry_data.py).
browser:
	@if [ ! -x /usr/bin/chromium ] || ! command -v node >/dev/null || ! command -v soffice >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium nodejs \
	      libreoffice-calc-nogui >/dev/null); \
	  else \
	    echo "The tests need Debian's chromium, nodejs and libreoffice-calc-nogui: run" \
	      "'sudo apt-get install chromium nodejs libreoffice-calc-nogui'." >&2; exit 1; \
	  fi; \
	fi

clean:
	rm -rf site site-offline dist
