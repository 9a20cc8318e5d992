"""How to cite a figure or a dataset: publisher, title, online code, release, addresses,
access date (like R eurostat's ``get_bibentry`` and OWID's ``origins``), in three styles.

A release is Eurostat's ``LAST UPDATE`` where the file carried one (SDMX-CSV, xlsx, the
API's ``UPDATE_DATA``). A bulk TSV carries no date: it is cited as undated, with the date the
snapshot was built as the access date and the file's checksum as a secondary identifier,
never with a date made up. Cited publications are cited as their own reference.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

import pandas as pd
import yaml

from . import snapshot
from .errors import UnknownNameError
from .sources import estat

# Eurostat dataset titles per language (the public pages and citations read them).
DATASETS: dict[str, dict[str, str]] = yaml.safe_load(Path(__file__).with_name("datasets.yaml").read_text(encoding="utf-8"))
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
Style = Literal["text", "bibtex", "apa"]


@dataclass(frozen=True)
class Reference:
    """One thing to cite: a Eurostat dataset or a publication the project cites."""
    publisher: str
    title: str
    code: str = ""  # Eurostat's online data code
    released: str = ""  # ISO date of the release, "" when the source gave none
    checksum: str = ""  # the file's checksum when no release date exists
    url: str = ""  # data browser, or the publication's address
    api: str = ""  # the statistics API address of the series used
    accessed: str = ""  # ISO date
    note: str = ""  # a publication's own vintage words

    def text(self) -> str:
        release = f"release of {self.released}" if self.released else f"undated release ({self.checksum})"
        if self.code:
            return (f"{self.publisher}: {self.title} (online data code: {self.code}), {release}. {self.url} "
                    f"(API: {self.api}). Accessed {self.accessed}.")
        return f"{self.title}{', ' + self.note if self.note else ''}. {self.url}. Accessed {self.accessed}."

    def apa(self) -> str:
        year = self.released[:4] if self.released else "n.d."
        if self.code:
            return f"{self.publisher}. ({year}). {self.title} ({self.code}) [Data set]. {self.url}"
        return f"{self.title}. ({self.note or 'n.d.'}). {self.url}"

    def bibtex(self) -> str:
        key = re.sub(r"[^a-z0-9]+", "_", (self.code or self.title).lower()).strip("_")[:40]
        fields = {"author": f"{{{self.publisher}}}", "title": self.title,
                  "year": self.released[:4] if self.released else "", "howpublished": f"\\url{{{self.url}}}",
                  "note": "; ".join(x for x in (f"Online data code: {self.code}" if self.code else "",
                                                f"release {self.released}" if self.released else self.checksum,
                                                self.note) if x),
                  "urldate": self.accessed}
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items() if v)
        return f"@misc{{{'eurostat_' if self.code else ''}{key},\n{body}\n}}"

    def render(self, style: Style) -> str:
        if style not in ("text", "apa", "bibtex"):
            raise UnknownNameError("citation style", style, ["text", "apa", "bibtex"])
        return {"text": self.text, "apa": self.apa, "bibtex": self.bibtex}[style]()


def _accessed() -> str:
    built = snapshot.manifest().built_at
    return built[:10] if built else date.today().isoformat()


def dataset(code: str, frame: pd.DataFrame | None = None, filters: dict | None = None,
            geos: tuple[str, ...] = ()) -> Reference:
    """The reference of one Eurostat dataset as the snapshot (or ``frame``) holds it."""
    frame = snapshot.load() if frame is None else frame
    rows = frame[(frame.source == "eurostat") & (frame.dataset == code)]
    if rows.empty and code not in DATASETS:
        held = sorted(set(frame[frame.source == "eurostat"].dataset) | set(DATASETS))
        raise UnknownNameError("dataset", code, held)
    vintages = sorted(set(rows.vintage.dropna()))
    dated = [v for v in vintages if ISO_DATE.match(v)]
    return Reference("Eurostat", DATASETS.get(code, {}).get("en", code), code, dated[-1] if dated else "",
                     "" if dated else ", ".join(vintages) or "not in the snapshot", estat.browser_url(code),
                     estat.statistics_url(code, filters or {}, geos), _accessed())


def references(name: str, frame: pd.DataFrame | None = None) -> list[Reference]:
    """A figure's references (each Eurostat dataset of its inputs, each cited publication),
    or one dataset's."""
    from . import recipes

    found = recipes.load_all()
    if name not in found:
        try:
            return [dataset(name, frame)]
        except UnknownNameError:
            raise UnknownNameError("figure or dataset", name, [*found, *DATASETS]) from None
    frame = snapshot.load() if frame is None else frame
    out: dict[str, Reference] = {}
    for s in found[name].series():
        if s.source == "eurostat" and s.dataset not in out:
            out[s.dataset] = dataset(s.dataset, frame, dict(s.filters), (*s.geos, *s.eu_geos))
        elif s.source == "publication":
            cited = frame[(frame.source == "publication") & (frame.dataset == s.dataset)]
            for r in cited[["citation", "citation_ref", "vintage"]].drop_duplicates().itertuples():
                out.setdefault(r.citation, Reference("", r.citation, url=r.citation_ref if isinstance(r.citation_ref, str)
                                                     else "", accessed=_accessed(),
                                                     note=r.vintage if isinstance(r.vintage, str) else ""))
    return list(out.values())


def cite(name: str, style: Style = "text", frame: pd.DataFrame | None = None) -> str:
    """How to cite a figure or a dataset, one reference a paragraph."""
    return "\n\n".join(r.render(style) for r in references(name, frame))
