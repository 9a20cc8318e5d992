"""The five Voilà pages in Debian's chromium, driven by Playwright, as a visitor sees them.

Voilà streams the page, so navigation waits only for the response ("commit") and each check
waits for its own selector. Every request the pages make is recorded: none may leave
127.0.0.1. Screenshots land in tests/artifacts/ for a human to look at.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from benelux_indicators import engine, recipes, snapshot
from benelux_indicators.present import serving, themes
from conftest import free_port, voila_server

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "tests" / "artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LOAD = 120_000  # ms: a cold kernel per page, two cores, possibly a busy CI machine

# CI sets BENELUX_REQUIRE_BROWSER=1, so a missing chromium fails there instead of skipping.
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists() and not os.environ.get("BENELUX_REQUIRE_BROWSER"),
                                 reason="needs Debian's chromium (.ci/run installs it)")]


@pytest.fixture(scope="module")
def voila():
    ARTIFACTS.mkdir(exist_ok=True)
    with voila_server(serving.command(port=free_port(), max_kernels=20), ARTIFACTS / "voila.log") as base:
        yield base  # the Makefile's Voilà, roomier


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def visit(browser, voila):
    """Open a page at a viewport width; returns the page and the hosts it asked."""
    opened = []

    def _visit(name: str, width: int = 1280):
        context = browser.new_context(viewport={"width": width, "height": 1600})
        page = context.new_page()
        hosts: list[str] = []
        page.on("request", lambda r: hosts.append(urlparse(r.url).hostname or urlparse(r.url).scheme))
        page.goto(f"{voila}/voila/render/{name}.ipynb", wait_until="commit")
        opened.append(context)
        return page, hosts

    yield _visit
    for context in opened:
        context.close()


def _only_loopback(hosts: list[str]) -> None:
    assert hosts and set(hosts) <= {"127.0.0.1", "data", "blob"}, sorted(set(hosts))


def _shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_keyfigures_page_switches_number_style_with_language(visit):
    page, hosts = visit("keyfigures")
    population = page.locator("[data-figure=population] .bnl-big")
    population.wait_for(timeout=LOAD)
    assert population.inner_text() == "29.664.912"
    assert page.locator(".bnl-card").count() == 24
    assert page.locator("[data-figure=population]").inner_text().count("van het EU-totaal") == 1
    _shot(page, "keyfigures-nl")
    page.get_by_role("button", name="EN", exact=True).click()
    page.wait_for_function("document.querySelector('[data-figure=population] .bnl-big').innerText === '29,664,912'",
                           timeout=30_000)
    assert "match" in page.locator("[data-figure=population]").inner_text()
    _shot(page, "keyfigures-en")
    _only_loopback(hosts)


@pytest.mark.parametrize("theme", ["labour_mobility", "freight", "energy", "vat_gap"])
def test_theme_page_draws_charts_and_says_where_data_is_missing(visit, theme):
    page, hosts = visit(theme)
    page.locator(".main-svg").first.wait_for(timeout=LOAD)
    page.wait_for_timeout(500)  # the rest of the charts of the same output
    assert page.locator(".js-plotly-plot").count() >= 1
    assert page.get_by_text("Bron:").count() >= 1 and page.get_by_text("Download de gegevens (CSV)").count() >= 1
    _shot(page, theme)
    _only_loopback(hosts)


def _draw_all(page) -> None:
    """Bring every chart near the screen, where it is drawn (charts wait their turn)."""
    for chart in page.locator(".bnl-plot").all():
        chart.scroll_into_view_if_needed()
        page.wait_for_timeout(100)
    page.wait_for_function("[...document.querySelectorAll('.bnl-plot')].every(p => p.querySelector('.main-svg'))",
                           timeout=30_000)


def test_freight_ticks_and_page_follow_the_language(visit):
    page, _ = visit("freight")
    page.locator(".main-svg").first.wait_for(timeout=LOAD)
    _draw_all(page)
    page.locator(".ytick text", has_text=re.compile(r"^\d{1,3}\.\d{3}$")).first.wait_for(timeout=5_000)  # 20.000
    assert page.get_by_text("Geen gegevens voor deze grafiek").count() == 1  # rail: BE confidential
    assert page.get_by_role("button", name="NL", exact=True).get_attribute("aria-pressed") == "true"
    assert page.get_by_role("button", name="EN", exact=True).get_attribute("aria-pressed") == "false"
    assert page.evaluate("document.documentElement.lang") == "nl" and page.title() == "Benelux - kerncijfers - Goederenvervoer"
    page.get_by_role("button", name="EN", exact=True).click()
    page.wait_for_function("document.documentElement.lang === 'en'", timeout=30_000)
    assert page.title() == "Benelux - key figures - Freight transport"
    assert page.get_by_role("button", name="EN", exact=True).get_attribute("aria-pressed") == "true"
    page.get_by_text("Save the chart as an image (PNG)").first.wait_for(timeout=30_000)
    _draw_all(page)
    page.locator(".ytick text", has_text=re.compile(r"^\d{1,3},\d{3}$")).first.wait_for(timeout=5_000)


def test_leaving_a_page_shuts_its_kernel_down(visit):
    """Voilà stops a page's kernel when it is left, with a POST that needs the _xsrf cookie."""
    page, _ = visit("vat_gap")
    page.locator(".main-svg").first.wait_for(timeout=LOAD)
    kernel = page.evaluate("JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")
    page.get_by_role("link", name="Kerncijfers", exact=True).click()
    page.locator("[data-figure=population] .bnl-big").wait_for(timeout=LOAD)
    log = ARTIFACTS / "voila.log"
    for _ in range(50):
        if f"Kernel shutdown: {kernel}" in log.read_text():
            break
        page.wait_for_timeout(100)
    assert f"Kernel shutdown: {kernel}" in log.read_text()
    assert f"403 POST /voila/api/shutdown/{kernel}" not in log.read_text()


@pytest.mark.parametrize("name, ready", [("keyfigures", "[data-figure=population] .bnl-big"), ("freight", ".main-svg")])
def test_phone_width_has_no_sideways_scroll(visit, name, ready):
    page, _ = visit(name, width=390)
    page.locator(ready).first.wait_for(timeout=LOAD)
    page.wait_for_timeout(500)
    _shot(page, f"{name}-phone")
    right = page.evaluate("Math.max(...[...document.querySelectorAll("
                          "'.bnl-nav > *, .bnl-card, .bnl-switch, .main-svg, .bnl-nodata')]"
                          ".map(e => e.getBoundingClientRect().right))")
    assert right <= 390


@pytest.fixture(scope="module")
def static_site(tmp_path_factory):
    """The static export served by a plain file server: no kernel, no server-side Python
    beyond handing out files (any web server or CDN would do)."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from benelux_indicators.present.site import build

    out = tmp_path_factory.mktemp("site") / "site"
    build(out)
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(out))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_static_export_works_with_only_a_file_server(browser, static_site):
    page = browser.new_page(viewport={"width": 1280, "height": 1600})
    hosts: list[str] = []
    page.on("request", lambda r: hosts.append(urlparse(r.url).hostname or urlparse(r.url).scheme))
    page.goto(f"{static_site}/", wait_until="load")
    assert page.locator("[data-figure=population] .bnl-big").inner_text() == "29.664.912"
    page.get_by_role("link", name="EN", exact=True).click()
    page.wait_for_url("**/keyfigures-en.html")
    assert page.locator("[data-figure=population] .bnl-big").inner_text() == "29,664,912"
    page.get_by_role("link", name="Freight transport", exact=True).click()
    page.locator(".main-svg").first.wait_for(timeout=10_000)
    charted = [p for p in themes.panels("freight", recipes.load_all(), engine.Data(snapshot.load()), "en") if p.figure]
    assert len(charted) == 7  # every freight chart but rail's share (BE confidential)
    assert page.locator(".js-plotly-plot").count() < len(charted)  # charts below the screen wait their turn
    for _ in range(12):  # scroll down: each chart is drawn as it comes near
        page.mouse.wheel(0, 700)
        page.wait_for_timeout(150)
    page.wait_for_function(f"document.querySelectorAll('.js-plotly-plot').length == {len(charted)}", timeout=10_000)
    from benelux_indicators.present import bundle

    script = "plotly-basic.min.js" if bundle.BASIC.exists() else "plotly.min.js"  # fetched at set-up, when it can be
    assert page.evaluate(f"[...document.scripts].some(s => s.src.endsWith('{script}'))")
    page.screenshot(path=str(ARTIFACTS / "static-freight-en.png"), full_page=True)
    _only_loopback(hosts)
    page.close()


def test_a_saved_chart_image_carries_title_sources_and_date_in_plotly_s_locale(browser, static_site):
    from benelux_indicators.present import bundle

    page = browser.new_page(viewport={"width": 1280, "height": 1600}, accept_downloads=True)
    page.goto(f"{static_site}/freight-nl.html", wait_until="load")
    page.locator(".main-svg").first.wait_for(timeout=10_000)
    first = page.locator(".bnl-chart").first
    with page.expect_download() as saved:
        first.get_by_role("button", name="Grafiek opslaan als afbeelding (PNG)").click()
    assert saved.value.suggested_filename == "freight_road_share_eu-figure-nl.png"
    assert Path(saved.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    title = page.evaluate("(p => bnlImageLayout(p.layout, p.bnlImage).title)(document.querySelector('.bnl-plot'))")
    assert title["text"] == "Goederenvervoer over de weg - Benelux en landen, 2021"
    assert title["subtitle"]["text"].startswith("Bron: geciteerd uit Transport Yearbook 2022")
    assert "Gegevens van " in title["subtitle"]["text"] and "jaarplan gedrukt in januari 2024" in title["subtitle"]["text"]
    plot = page.locator(".js-plotly-plot").first
    assert plot.evaluate("p => p._context.locale") == "nl" and plot.evaluate("p => p._context.displayModeBar") is False
    if bundle.locale_name("nl"):  # fetched at set-up, when the registry answers
        assert page.evaluate("[...document.scripts].some(s => s.src.endsWith('plotly-locale-nl.js'))")
    page.close()


def _axe(page) -> list[tuple[str, int, str]]:
    """axe-core's WCAG violations on the page: (rule, nodes, first node's HTML)."""
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    return [(v["id"], len(v["nodes"]), v["nodes"][0]["html"][:120]) for v in found.response["violations"]]


def test_every_static_page_passes_axe_wcag_aa(browser, static_site):
    from benelux_indicators.present.fmt import LANGUAGES
    from benelux_indicators.present.layout import PAGES

    page = browser.new_page(viewport={"width": 1280, "height": 1600})
    found = {}
    for name in PAGES:
        for lang in LANGUAGES:
            page.goto(f"{static_site}/{name}-{lang}.html", wait_until="load")
            found[f"{name}-{lang}"] = _axe(page)
    page.close()
    assert {k: v for k, v in found.items() if v} == {}


@pytest.mark.parametrize("name, ready", [("keyfigures", "[data-figure=population] .bnl-big"), ("freight", ".main-svg"),
                                         ("labour_mobility", ".main-svg"), ("energy", ".main-svg"),
                                         ("vat_gap", ".main-svg")])
def test_voila_pages_pass_axe_wcag_aa(visit, name, ready):
    page, _ = visit(name)
    page.locator(ready).first.wait_for(timeout=LOAD)
    page.wait_for_timeout(500)
    assert _axe(page) == []


@pytest.mark.parametrize("width", [375, 1280])
def test_static_key_figure_page_screenshots(browser, static_site, width):
    page = browser.new_page(viewport={"width": width, "height": 1000})
    page.goto(f"{static_site}/keyfigures-nl.html", wait_until="load")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(ARTIFACTS / f"static-keyfigures-nl-{width}.png"), full_page=True)
    page.close()


def test_static_key_figure_page_reflows_at_320_px_and_prints_its_statuses(browser, static_site):
    page = browser.new_page(viewport={"width": 320, "height": 900})
    page.goto(f"{static_site}/keyfigures-nl.html", wait_until="load")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.screenshot(path=str(ARTIFACTS / "static-keyfigures-nl-320.png"), full_page=False)
    page.emulate_media(media="print")
    badge = page.locator("[data-figure=population] .bnl-badge")
    assert badge.evaluate("e => getComputedStyle(e).printColorAdjust || getComputedStyle(e).webkitPrintColorAdjust") == "exact"
    page.close()


@pytest.mark.parametrize("lang, heading", [("nl", "BENELUX - KERNCIJFERS"), ("fr", "BENELUX - CHIFFRES CLÉS")])
def test_page_writes_the_a4_pdf_for_the_annual_plan(browser, lang, heading, tmp_path):
    from benelux_indicators import cli

    assert cli.main(["page", "--edition", "2024", "--lang", lang, "--out", str(tmp_path), "--pdf"]) == 0
    pdf = (tmp_path / f"keyfigures-2024-{lang}.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
    (ARTIFACTS / f"keyfigures-2024-{lang}.pdf").write_bytes(pdf)
    html = (tmp_path / f"keyfigures-2024-{lang}-print.html").read_text()
    assert "@page{size:A4" in html and "<ol class='notes'>" in html and "sha256" not in html
    page = browser.new_page()
    page.set_content(html)
    assert page.locator("h1").inner_text() == heading  # text-transform: the plan's capitals
    page.close()
