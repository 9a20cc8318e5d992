"""Time to the first number or chart on every static page, in chromium (a benchmark, not a
timed test): the export as built, against the same pages with the full plotly.js bundle
and every chart drawn at once (how the export was before). Writes benchmarks/first_chart.md."""
from __future__ import annotations

import functools
import shutil
import statistics
import tempfile
import threading
from datetime import datetime, timezone
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import plotly.offline
from playwright.sync_api import sync_playwright

from benelux_indicators.present.layout import PAGES
from benelux_indicators.present.site import build

ROOT = Path(__file__).resolve().parents[1]
READY = {"keyfigures": "[data-figure=population] .bnl-big"}
RUNS = 3


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def as_before(site: Path) -> None:
    """The full bundle, every chart drawn as the page loads."""
    (site / "plotly.min.js").write_text(plotly.offline.get_plotlyjs(), encoding="utf-8")
    for page in site.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        html = html.replace("plotly-basic.min.js", "plotly.min.js").replace("window.bnlDraw(", "Plotly.newPlot(")
        page.write_text(html, encoding="utf-8")


def measure(site: Path, browser) -> dict[str, float]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    out = {}
    for name in PAGES:
        times = []
        for _ in range(RUNS):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/{name}-nl.html", wait_until="commit")
            page.locator(READY.get(name, ".main-svg")).first.wait_for(timeout=30_000)
            times.append(page.evaluate("performance.now()") / 1000)
            page.close()
        out[name] = statistics.median(times)
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
        browser.close()
    lines = ["# Time to first number or chart (static export, NL pages, chromium, median of 3)", "",
             f"Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC by `benchmarks/first_chart.py`.", "",
             "| page | before: full plotly.js, all charts at once | now: basic bundle, charts drawn near the screen |",
             "|---|---:|---:|"]
    lines += [f"| {name} | {before_s[name]:.2f} s | {after_s[name]:.2f} s |" for name in PAGES]
    (ROOT / "benchmarks" / "first_chart.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
