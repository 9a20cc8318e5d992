# The two commands of the README: `make dashboard` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8866
MIRROR ?= ../shared/eurostat
PUBLICATIONS ?= ../shared/transcribed/values.csv

.PHONY: readme test dashboard serve export benchmarks mutation snapshot keyfigures clean lock test-latest

# Every package of the venv comes from the lock file, each checked against its hash; the
# project itself is installed on top without dependencies (they are all in the lock).
LOCK := requirements.txt
$(STAMP): $(LOCK) pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	$(PY) -m benelux_indicators.present.bundle
	touch $(STAMP)

# Regenerate the lock on purpose (uv, itself pinned): newest releases that pyproject.toml
# allows, for every platform, with every file's hash. Review the diff, then `make test`.
UV_VERSION := 0.13.10
TOOLS := .venv-tools
lock:
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet uv==$(UV_VERSION)
	$(TOOLS)/bin/uv pip compile pyproject.toml requirements-build.in --extra test --extra dashboards \
		--generate-hashes --universal --python-version 3.11 --custom-compile-command 'make lock' -o $(LOCK)
	$(PYTHON) tools/lockfile.py conda $(LOCK) > environment.yml

# An upgrade as a decision: the newest versions pyproject.toml allows, in a venv of their own,
# against the fast tests (no browser, no notebooks). Green: `make lock` and commit.
LATEST := .venv-latest
test-latest:
	rm -rf $(LATEST)
	$(PYTHON) -m venv $(LATEST)
	$(LATEST)/bin/python -m pip install --quiet --upgrade pip
	$(LATEST)/bin/python -m pip install --quiet --upgrade --upgrade-strategy eager -e '.[test,dashboards]'
	$(LATEST)/bin/python tools/lockfile.py diff $(LOCK)
	BENELUX_LATEST=1 $(LATEST)/bin/python -m pytest -m 'not browser' --ignore tests/test_notebooks.py -q -p no:cacheprovider

test: $(STAMP)
	$(PY) -m pytest

# The five pages on the embedded snapshot, bounded: at most MAX_KERNELS visitors' kernels
# at once (about 240 MiB each; a visit past it gets HTTP 503), idle kernels stopped after
# CULL seconds. The `benelux` template (share/jupyter) is Voilà's lab template without CDN links.
MAX_KERNELS ?= 4
CULL ?= 120
dashboard: $(STAMP)
	$(PY) -m benelux_indicators keyfigures --format table --lang nl
	$(PY) -m benelux_indicators.present.serving --host $(HOST) --port $(PORT) --max-kernels $(MAX_KERNELS) --cull $(CULL)

# Production Voilà: preheated kernels (each notebook runs before a visitor arrives; they
# count towards the cap), idle kernels culled, loopback only; put nginx in front (deploy/nginx.conf).
POOL ?= 2
VOILA_BASE_URL ?= /
serve: $(STAMP)
	$(PY) -m benelux_indicators.present.serving --port $(PORT) --pool $(POOL) --base-url $(VOILA_BASE_URL) \
		--max-kernels $(MAX_KERNELS) --cull 600

# The static site: every page in every language, no kernel needed.
SITE ?= site
export: $(STAMP)
	$(PY) -m benelux_indicators export --out $(SITE)

# Measure and write benchmarks/results.md (a few minutes; starts Voilà and chromium).
benchmarks: $(STAMP)
	$(PY) benchmarks/run.py

# Mutation testing of the core (mutmut; several minutes): writes benchmarks/mutation.md.
mutation: $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,dashboards,mutation]'
	$(PY) benchmarks/mutation.py

# Rebuild the committed snapshot from the mirror and the cited publications.
snapshot: $(STAMP)
	$(PY) -m benelux_indicators snapshot --source mirror:$(MIRROR) --publications $(PUBLICATIONS)

# The README's generated lines (status counts) from what the code computes.
readme: $(STAMP)
	$(PY) tools/readme.py

clean:
	rm -rf $(VENV) $(TOOLS) $(LATEST) .pytest_cache mutants
