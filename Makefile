# The two commands of the README: `make dashboard` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8866
MIRROR ?= ../shared/eurostat
PUBLICATIONS ?= ../shared/transcribed/values.csv

.PHONY: test dashboard serve export benchmarks snapshot keyfigures clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,dashboards]'
	touch $(STAMP)

test: $(STAMP)
	$(PY) -m pytest

# The five pages on the embedded snapshot; the `benelux` template (share/jupyter) is Voilà's
# lab template without its CDN font links.
dashboard: $(STAMP)
	$(PY) -m benelux_indicators keyfigures --edition 2024 --format table --lang nl
	JUPYTER_PATH=$(CURDIR)/share/jupyter $(VENV)/bin/voila --no-browser --Voila.ip=$(HOST) --port=$(PORT) \
		--strip_sources=True --template=benelux dashboards/

# Production Voilà: preheated kernels (each notebook runs before a visitor arrives), idle
# kernels culled, loopback only; put nginx in front (deploy/nginx.conf).
POOL ?= 2
VOILA_BASE_URL ?= /
serve: $(STAMP)
	JUPYTER_PATH=$(CURDIR)/share/jupyter $(VENV)/bin/voila --no-browser --Voila.ip=127.0.0.1 --port=$(PORT) \
		--strip_sources=True --template=benelux --preheat_kernel=True --pool_size=$(POOL) \
		--Voila.base_url=$(VOILA_BASE_URL) --MappingKernelManager.cull_idle_timeout=600 \
		--MappingKernelManager.cull_interval=60 dashboards/

# The static site: every page in every language, no kernel needed.
SITE ?= site
export: $(STAMP)
	$(PY) -m benelux_indicators export --out $(SITE)

# Measure and write benchmarks/results.md (a few minutes; starts Voilà and chromium).
benchmarks: $(STAMP)
	$(PY) benchmarks/run.py

# Rebuild the committed snapshot from the mirror and the cited publications.
snapshot: $(STAMP)
	$(PY) -m benelux_indicators snapshot --source mirror:$(MIRROR) --publications $(PUBLICATIONS)

clean:
	rm -rf $(VENV) .pytest_cache
