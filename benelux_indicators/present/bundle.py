"""plotly.js for the static site: the 1.2 MB "basic" bundle (bar, scatter, pie: all our
charts use) instead of plotly.py's 4.8 MB full one, when it is there; a page parses a
quarter of the script before its first chart.

``python -m benelux_indicators.present.bundle`` (run by the Makefile's set-up) fetches the
npm package ``plotly.js-basic-dist-min`` of the same plotly.js version as plotly.py ships,
checks it against the registry's recorded SHA-512, and keeps it in the virtualenv. Without
it (no registry, another version) the export uses the full bundle: slower, same charts.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import io
import re
import sys
import tarfile
from pathlib import Path

import plotly.offline

VERSION = "4.1.1"  # the plotly.js that plotly 7.1 ships
INTEGRITY = "sha512-1oNF8PeQx2hv/y7tqEVWKD3JGwn/MGEMQ8mL9HUwsaqG9FGy/OU5FHUHvzqbqxN4mnwZGI9abTiE775C4kkjMQ=="
TARBALL = f"https://registry.npmjs.org/plotly.js-basic-dist-min/-/plotly.js-basic-dist-min-{VERSION}.tgz"
BASIC = Path(sys.prefix) / "share" / "benelux" / f"plotly-basic-{VERSION}.min.js"
BASIC_TRACES = frozenset({"bar", "scatter", "pie"})


@functools.cache
def shipped_version() -> str:
    match = re.search(r"plotly\.js v?([0-9.]+)", plotly.offline.get_plotlyjs()[:500])
    return match.group(1) if match else ""


def script(trace_types: set[str]) -> tuple[str, str]:
    """(file name, text) of the plotly.js a site with these trace types needs."""
    if BASIC.exists() and trace_types <= BASIC_TRACES and shipped_version() == VERSION:
        return "plotly-basic.min.js", BASIC.read_text(encoding="utf-8")
    return "plotly.min.js", plotly.offline.get_plotlyjs()


def fetch() -> Path:
    """Download, check and keep the basic bundle (once)."""
    import requests

    if BASIC.exists():
        return BASIC
    body = requests.get(TARBALL, timeout=60).content
    digest = "sha512-" + base64.b64encode(hashlib.sha512(body).digest()).decode()
    if digest != INTEGRITY:
        raise SystemExit(f"{TARBALL}: checksum {digest} is not the registry's {INTEGRITY}")
    with tarfile.open(fileobj=io.BytesIO(body)) as tar:
        text = tar.extractfile("package/plotly-basic.min.js").read()
    BASIC.parent.mkdir(parents=True, exist_ok=True)
    BASIC.write_bytes(text)
    return BASIC


if __name__ == "__main__":
    try:
        print(f"plotly.js basic bundle: {fetch()}")
    except Exception as exc:  # no registry: the export falls back to the full bundle
        print(f"plotly.js basic bundle not fetched ({exc}); the static export uses the full bundle")
