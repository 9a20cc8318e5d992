"""One catalogue of words per language: every key in nl, fr, de and en, and no NL, FR or DE
page carrying an English sentence of the catalogue."""
from __future__ import annotations

import re

import pytest

from benelux_indicators import compare, engine, messages, plan, recipes, snapshot
from benelux_indicators.present import cards, i18n, provenance, themes
from benelux_indicators.present.layout import PAGES, below

LANGS = {"nl", "fr", "de", "en"}
CATALOGUES = {"i18n.WORDS": i18n.WORDS, "i18n.UNITS": i18n.UNITS, "i18n.FLAGS": i18n.FLAGS,
              "messages.SENTENCES": messages.SENTENCES, "messages.WHAT": messages.WHAT,
              "messages.ABSENT": messages.ABSENT, "messages.PUBLIC": messages.PUBLIC,
              "datasets.yaml": provenance.DATASETS,
              "recipe definitions": {rid: r.definition for rid, r in recipes.load_all().items()},
              "context.yaml codes": {f"{c}:{k}": v for c, ctx in recipes.context().items() for k, v in ctx.codes.items()}}


@pytest.mark.parametrize("name", CATALOGUES)
def test_every_key_is_in_every_language(name):
    lacking = {key: sorted(LANGS - set(words)) for key, words in CATALOGUES[name].items() if set(words) != LANGS}
    assert lacking == {}


def test_every_recipe_and_context_label_is_in_every_language():
    assert all(set(r.labels) == LANGS for r in recipes.load_all().values())
    assert all(set(c.labels) == LANGS for c in recipes.context().values())


def _english_sentences() -> set[str]:
    """English catalogue texts of three words or more that differ from their Dutch."""
    out = set()
    for catalogue in CATALOGUES.values():
        for words in catalogue.values():
            en = re.sub(r"\{[^}]*\}", "", words["en"]).strip(" .:;()")
            if en != words["nl"] and len(en.split()) >= 3:
                out.update(part.strip() for part in re.split(r"[.:;]", en) if len(part.split()) >= 3)
    return out


def _visible(html: str) -> str:
    html = re.sub(r"<(style|script)[^>]*>.*?</\1>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    found, printed, data = recipes.load_all(), plan.load("2024"), engine.Data(snapshot.load())
    compared = compare.compare_all(found, printed, data)
    pages = {}
    for lang in ("nl", "fr", "de"):
        pages[f"keyfigures-{lang}"] = cards.page(compared, lang)
        for theme in PAGES[1:]:
            pages[f"{theme}-{lang}"] = "".join(f"<h2>{p.title}</h2>{p.message}{below(p, lang)}"
                                               for p in themes.panels(theme, found, data, lang, printed.figures))
    return pages


def test_no_dutch_french_or_german_page_carries_an_english_sentence(rendered):
    english = _english_sentences()
    assert len(english) > 30  # the check has teeth
    found = {name: sorted(s for s in english if s in _visible(html)) for name, html in rendered.items()}
    assert {k: v for k, v in found.items() if v} == {}


# What only operators read: commands, filter syntax, checksums, source prefixes, raw codes.
OPERATOR = ("--source", "benelux-indicators ", "[freq=", "sha256:", "mirror:", "eurostat:", "publication:",
            "27_2020", "CP_MEUR", "THS_T")  # 27_2020: EU27_2020 in any language's spelling (UE27_2020, ...)


def test_no_public_page_shows_operator_text(tmp_path):
    from benelux_indicators.present.site import build

    pages = build(tmp_path / "site")
    found = {}
    for page in pages:
        text = re.sub(r"(href|src)='[^']*'", "", page.read_text(encoding="utf-8"))  # addresses may hold codes
        found[page.name] = [t for t in OPERATOR if t in text]
    assert len(pages) == 20 and {k: v for k, v in found.items() if v} == {}


def test_how_a_number_is_made_is_told_in_words():
    from benelux_indicators.present import method

    c = next(c for c in compare.compare_all(recipes.load_all(), plan.load("2024"), engine.Data(snapshot.load()))
             if c.id == "gdp_per_capita")
    assert method.formula(c, "nl") == ("som van Bbp en belangrijkste componenten / som van Bevolking op 1 januari "
                                       "naar leeftijd en geslacht")
    html = method.block(c, "nl")
    assert html.index("<p>Het bruto binnenlands product van de drie landen in lopende prijzen, gedeeld door hun "
                      "bevolking op 1 januari.</p>") < html.index("Formule")
    assert "<p>Le produit intérieur brut des trois pays aux prix courants" in method.block(c, "fr")
    assert "<th scope='row'>Luxemburg</th><td>Bbp en belangrijkste componenten</td><td>2021</td><td>73.040 miljoen euro" in html
