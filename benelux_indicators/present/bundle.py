"""plotly.js for the pages: the 1.2 MB "basic" bundle (bar, scatter, pie: all our charts
use) instead of plotly.py's 4.8 MB full one, when it is there, and plotly's own locales
(nl, fr, de: its few interface words and number formats).

``python -m benelux_indicators.present.bundle`` (run by the Makefile's set-up) fetches the
npm packages ``plotly.js-basic-dist-min`` (the plotly.js version plotly.py ships) and
``plotly.js-locales``, checks each against the registry's recorded SHA-512, and keeps them
in the virtualenv's copy of the ``benelux`` Voilà template's static folder, where Voilà
serves them (it looks up a template's static files in every Jupyter data folder). Without
the registry the pages use the full bundle and English plotly words: slower, same charts.
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
LOCALES_VERSION = "3.7.0"  # plotly.js-locales is released on its own; its dictionaries key on English words
LOCALES_INTEGRITY = "sha512-ksB7hfy9Pk9SQtkfK1AfpRy2O/2iIh7CxQat8vsk1cCySwyLUuHXltsr4ReUeORScxPjGnyW00aNe97fDivsmA=="
LOCALES_TARBALL = f"https://registry.npmjs.org/plotly.js-locales/-/plotly.js-locales-{LOCALES_VERSION}.tgz"
LOCALES = ("nl", "fr", "de")  # English is plotly's own
STATIC = Path(sys.prefix) / "share" / "jupyter" / "voila" / "templates" / "benelux" / "static"
BASIC = STATIC / f"plotly-basic-{VERSION}.min.js"
FULL = "plotly.min.js"
VOILA = "plotly.min.js"  # a fixed name: the Voilà template starts loading it before any Python runs
BASIC_TRACES = frozenset({"bar", "scatter", "pie"})


@functools.cache
def shipped_version() -> str:
    match = re.search(r"plotly\.js v?([0-9.]+)", plotly.offline.get_plotlyjs()[:500])
    return match.group(1) if match else ""


def basic_ready() -> bool:
    return BASIC.exists() and shipped_version() == VERSION


def script(trace_types: set[str]) -> tuple[str, str]:
    """(file name, text) of the plotly.js a site with these trace types needs."""
    if basic_ready() and trace_types <= BASIC_TRACES:
        return "plotly-basic.min.js", BASIC.read_text(encoding="utf-8")
    return FULL, plotly.offline.get_plotlyjs()


def locale_name(lang: str) -> str | None:
    """The file name of plotly's locale script for ``lang``, if one was fetched."""
    return f"plotly-locale-{lang}.js" if (STATIC / f"plotly-locale-{lang}.js").exists() else None


def locale_script(lang: str) -> str:
    name = locale_name(lang)
    return (STATIC / name).read_text(encoding="utf-8") if name else ""


@functools.cache
def voila_script() -> str:
    """The file name, in the template's static folder, of the plotly.js the Voilà pages load
    (once per page; the template starts it early on pages with charts): the basic bundle,
    else the full one. Written at set-up, or on first use."""
    target = STATIC / VOILA
    if not target.exists():
        STATIC.mkdir(parents=True, exist_ok=True)
        target.write_text(BASIC.read_text(encoding="utf-8") if basic_ready() else plotly.offline.get_plotlyjs(),
                          encoding="utf-8")
    return VOILA


def _download(url: str, integrity: str) -> tarfile.TarFile:
    import requests

    body = requests.get(url, timeout=60).content
    digest = "sha512-" + base64.b64encode(hashlib.sha512(body).digest()).decode()
    if digest != integrity:
        raise SystemExit(f"{url}: checksum {digest} is not the registry's {integrity}")
    return tarfile.open(fileobj=io.BytesIO(body))


def as_script(module_source: str) -> str:
    """A locale file of plotly.js-locales is a CommonJS module; in a page it registers itself."""
    return f"(function(){{var module={{exports:{{}}}};\n{module_source}\n;Plotly.register(module.exports);}})();\n"


def fetch() -> list[Path]:
    """Download, check and keep the basic bundle and the locales (once)."""
    STATIC.mkdir(parents=True, exist_ok=True)
    if not BASIC.exists():
        with _download(TARBALL, INTEGRITY) as tar:
            BASIC.write_bytes(tar.extractfile("package/plotly-basic.min.js").read())
    if not all(locale_name(lang) for lang in LOCALES):
        with _download(LOCALES_TARBALL, LOCALES_INTEGRITY) as tar:
            for lang in LOCALES:
                source = tar.extractfile(f"package/{lang}.js").read().decode("utf-8")
                (STATIC / f"plotly-locale-{lang}.js").write_text(as_script(source), encoding="utf-8")
    return [BASIC, *(STATIC / f"plotly-locale-{lang}.js" for lang in LOCALES)]


if __name__ == "__main__":
    try:
        print("plotly.js basic bundle and locales:", ", ".join(p.name for p in fetch()))
    except Exception as exc:  # no registry: the pages fall back to the full bundle, English plotly words
        print(f"plotly.js basic bundle not fetched ({exc}); the pages use the full bundle")
    (STATIC / VOILA).unlink(missing_ok=True)  # what was fetched decides the Voilà pages' copy
    print(f"Voilà pages load {STATIC / voila_script()}")
