# The two commands of the README: `make dashboard` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8866
MIRROR ?= ../shared/eurostat
PUBLICATIONS ?= ../shared/transcribed/values.csv

.PHONY: test dashboard snapshot keyfigures clean

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

# Rebuild the committed snapshot from the mirror and the cited publications.
snapshot: $(STAMP)
	$(PY) -m benelux_indicators snapshot --source mirror:$(MIRROR) --publications $(PUBLICATIONS)

clean:
	rm -rf $(VENV) .pytest_cache
