"""Time to the first number or chart on every page, in chromium (a benchmark, not a timed
test). The static export as built, against the same pages with the full plotly.js bundle and
every chart drawn at once (how the export was before); and the Voilà pages with warm kernels
(`make serve`, two preheated kernels per page). Writes benchmarks/first_chart.md."""
from __future__ import annotations

import functools
import os
import shutil
import statistics
import tempfile
import threading
import time
from datetime import datetime, timezone
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import plotly.offline
from playwright.sync_api import sync_playwright

from benelux_indicators.present.layout import PAGES
from benelux_indicators.present.site import build

ROOT = Path(__file__).resolve().parents[1]
WARM_UP = float(os.environ.get("WARM_UP", "90"))  # seconds for the pools to run every notebook
READY = {"keyfigures": "[data-figure=population] .bnl-big"}
RUNS = 3


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def as_before(site: Path) -> None:
    """The full bundle, every chart drawn as the page loads (no IntersectionObserver)."""
    (site / "plotly.min.js").write_text(plotly.offline.get_plotlyjs(), encoding="utf-8")
    for page in site.glob("*.html"):
        html = page.read_text(encoding="utf-8").replace("plotly-basic.min.js", "plotly.min.js")
        html = html.replace("<head>", "<head><script>window.IntersectionObserver=undefined</script>", 1)
        page.write_text(html, encoding="utf-8")


def first(browser, url: str, ready: str) -> float:
    """Seconds from navigation to ``ready`` on screen (the page's own clock)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url, wait_until="commit")
    page.locator(ready).first.wait_for(timeout=60_000)
    elapsed = page.evaluate("performance.now()") / 1000
    page.close()
    return elapsed


def voila_warm(browser) -> dict[str, float]:
    """Every Voilà page with warm kernels; the pool refills between visits."""
    from run import Voila

    voila = Voila(pool=2)
    time.sleep(WARM_UP)
    out = {}
    for name in PAGES:
        times = []
        for _ in range(RUNS):
            times.append(first(browser, f"{voila.url}/voila/render/{name}.ipynb", READY.get(name, ".main-svg")))
            time.sleep(8)
        out[name] = statistics.median(times)
    voila.stop()
    return out


def measure(site: Path, browser) -> dict[str, float]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    out = {name: statistics.median(first(browser, f"{base}/{name}-nl.html", READY.get(name, ".main-svg"))
                                   for _ in range(RUNS)) for name in PAGES}
    server.shutdown()
    return out


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="first-chart-"))
    now, before = work / "now", work / "before"
    build(now)
    shutil.copytree(now, before)
    as_before(before)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        after_s, before_s = measure(now, browser), measure(before, browser)
        warm = voila_warm(browser)
        browser.close()
    lines = ["# Time to first number or chart (NL pages, headless chromium, median of 3)", "",
             f"Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC by `benchmarks/first_chart.py` "
             f"on {os.cpu_count()} cores.", "",
             "| page | static before: full plotly.js, all charts at once | static now: basic bundle, charts drawn "
             "near the screen | Voilà, warm kernels (make serve) |",
             "|---|---:|---:|---:|"]
    lines += [f"| {name} | {before_s[name]:.2f} s | {after_s[name]:.2f} s | {warm[name]:.2f} s |" for name in PAGES]
    lines += ["", *NOTES]
    (ROOT / "benchmarks" / "first_chart.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    shutil.rmtree(work, ignore_errors=True)


NOTES = [
    "* Voilà with warm kernels, before this change (commit 590e161, plotly's `FigureWidget`, measured the same "
    "way by hand): freight 10.6-10.9 s, key figures 1.5-1.9 s. Each FigureWidget carried its own 5 MB copy "
    "of plotly.js over the kernel's websocket; the page's own `Chart` widget carries the figure's JSON "
    "(freight: 275 kB for eight charts) and the page loads the 1.2 MB basic plotly.js once, started by the "
    "template before Voilà's scripts run.",
    "* What is left in Voilà is its own front end: on this machine the page connects to its (warm) kernel "
    "1.0-1.7 s after navigation (about 95 scripts of Voilà and JupyterLab to load and run); the widgets' "
    "state then arrives in about 0.2 s and the first chart is drawn 0.3 s later. An HTML output instead of "
    "widgets was tried: 1.4 s, because Voilà renders outputs only once that front end has started. "
    "The public pages are the static export.",
]


if __name__ == "__main__":
    main()
