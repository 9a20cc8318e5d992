# The two commands of the README: `make dashboard` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8866
MIRROR ?= ../shared/eurostat
PUBLICATIONS ?= ../shared/transcribed/values.csv

.PHONY: test dashboard serve export benchmarks mutation snapshot keyfigures clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,dashboards]'
	$(PY) -m benelux_indicators.present.bundle
	touch $(STAMP)

test: $(STAMP)
	$(PY) -m pytest

# The five pages on the embedded snapshot, bounded: at most MAX_KERNELS visitors' kernels
# at once (about 240 MiB each; a visit past it gets HTTP 503), idle kernels stopped after
# CULL seconds. The `benelux` template (share/jupyter) is Voilà's lab template without CDN links.
MAX_KERNELS ?= 4
CULL ?= 120
dashboard: $(STAMP)
	$(PY) -m benelux_indicators keyfigures --edition 2024 --format table --lang nl
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

clean:
	rm -rf $(VENV) .pytest_cache mutants
