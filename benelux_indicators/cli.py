"""Command line: ``benelux-indicators <command>`` (also ``python -m benelux_indicators``)."""
from __future__ import annotations

import argparse
import contextlib
import json
import logging
import sys
from pathlib import Path

from . import atomic, lock, textsafe, tidy
from .errors import BeneluxError, EditionError
from .paths import home

log = logging.getLogger("benelux_indicators")
DEFAULT_PUBLICATIONS = "../shared/transcribed/values.csv"


def _rows(frame, fmt: str) -> str:
    frame = tidy.compact(frame)
    if fmt == "json":
        return json.dumps(json.loads(frame.to_json(orient="records")), indent=1, ensure_ascii=False)
    return textsafe.csv(frame)


def cmd_data(args: argparse.Namespace) -> int:
    """Tidy rows of one dataset, with flag, source and vintage columns."""
    from .api import series

    filters = dict(f.split("=", 1) for f in args.filter or [])
    frame = series(args.dataset, geo=args.geo.split(",") if args.geo else None, source=args.source, **filters)
    sys.stdout.write(_rows(frame, args.format))
    return 0


def cmd_snapshot(args: argparse.Namespace) -> int:
    """Rebuild the committed snapshot from a source and the cited publications."""
    from .pipeline import build_snapshot
    from .recipes import load_all
    from .sources import eurostat_source

    with lock.writing("snapshot"):
        digest, report = build_snapshot(load_all(), eurostat_source(args.source, offline=args.offline),
                                        _publications(args.publications), accept_loss=frozenset(args.accept_loss))
    for line in report.lines():
        print(line)
    print(f"snapshot sha256 {digest}")
    return 0


def _publications(option: str | None):
    """The cited-publications source; a relative path is read from here or from the project."""
    from .sources.publications import Publications

    if not option:
        return None
    path = Path(option)
    if not path.is_absolute():
        path = (Path.cwd() / path) if path.exists() else home() / path
    return Publications(path)


def cmd_refresh(args: argparse.Namespace) -> int:
    """Fetch, recompute, write a new edition and its changelog; exit 3 if some data are stale."""
    from . import editions, refresh
    from .sources import eurostat_source

    def progress(i: int, n: int, label: str, outcome: str) -> None:
        bar = "#" * round(20 * i / n)
        print(f"[{bar:<20}] {i:>3}/{n} {label}: {outcome}", file=sys.stderr, flush=True)

    editions.check_name(args.edition)
    # a dry run takes no lock and keeps no journal: a trial that leaves nothing behind
    with contextlib.nullcontext() if args.dry_run else lock.writing("refresh"):
        source = eurostat_source(args.source, offline=args.offline,
                                 fresh_after=None if args.dry_run else refresh.started(args.edition))
        outcome = refresh.run(args.edition, source, _publications(args.publications), args.plan, args.year, progress,
                              frozenset(args.accept_loss), dry_run=args.dry_run, against=args.against,
                              threshold=args.threshold / 100)
    if args.dry_run:
        sys.stdout.write(outcome.changelog)
        print(f"dry run: nothing written; edition {args.edition!r} stays free", file=sys.stderr)
        return 3 if outcome.failed else 0
    for path in outcome.written:
        print(f"wrote {path}")
    for change in outcome.changes[:10]:
        print(f"  {change.score:6.3f} {change.kind:<18} {change.id}: {change.detail}")
    if len(outcome.changes) > 10:
        print(f"  ... {len(outcome.changes) - 10} more in the changelog")
    failures = outcome.record.failures
    if failures.unavailable:
        print(f"{len(failures.unavailable)} series are not held by this source (nor were they before); "
              f"their figures stay without data: see keyfigures-{args.edition}.json", file=sys.stderr)
    for failed, text in ((failures.stale, "could not be fetched; previous values kept and marked stale"),
                         (failures.faults, "failed, with nothing previous to keep")):
        if failed:
            print(f"{len(failed)} series {text}:", file=sys.stderr)
            for label, why in failed.items():
                print(f"  {label}: {why}", file=sys.stderr)
    return 3 if outcome.failed else 0


def cmd_editions(args: argparse.Namespace) -> int:
    """The editions kept (name, plan, when, figures), or discard a trial edition."""
    from . import editions

    if args.action == "list":
        shipped = editions.shipped()
        for name in editions.names():
            rec = editions.load(name)
            print(f"{name}\tplan {rec.plan or '?'}\tyear {rec.year or 'plan'}\t{rec.created_at}\t"
                  f"{len(rec.figures)} figures{' (shipped)' if name in shipped else ''}")
        return 0
    if not args.name:
        raise EditionError("editions discard NAME: which edition?")
    with lock.writing("discard"):
        for path in editions.discard(args.name):
            print(f"removed {path}")
    print("the snapshot stays as the refresh left it (it is data, not a page)")
    return 0


def cmd_draft_plan(args: argparse.Namespace) -> int:
    """Write data/plan/jaarplan-<edition>.draft.yaml: the edition's figures as the plan prints them."""
    from . import draft, editions

    record = editions.load(args.edition)
    with lock.writing("draft-plan"):
        path, lines = draft.write(record)
    print(f"wrote {path}")
    for line in lines:
        print(f"  {line}")
    print(f"renamed to {path.name.replace('.draft', '')}, it is the plan the next refresh compares with")
    return 0


def cmd_page(args: argparse.Namespace) -> int:
    """Write an edition's key-figure page (and its print version) as static HTML."""
    from . import editions
    from .present.page import missing, pdf, render

    record = editions.load(args.edition)
    out = atomic.check_output(args.out, home(), "page")
    with lock.reading("page"):
        out.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        try:  # only its own files: nothing else is touched, and each one written is listed at once
            for printable, suffix in ((False, ""), (True, "-print")):
                path = out / f"keyfigures-{args.edition}-{args.lang}{suffix}.html"
                atomic.write_text(path, render(record, args.lang, printable))
                written.append(path)
                print(f"wrote {path}")
            if args.pdf:
                path = out / f"keyfigures-{args.edition}-{args.lang}.pdf"
                with atomic.replacing(path) as tmp:
                    pdf(render(record, args.lang, True), tmp)
                written.append(path)
                print(f"wrote {path}")
        finally:  # a failed --pdf leaves a folder a rerun accepts
            atomic.mark(out, "page", written)
            atomic.readable(out)
    left_out = missing(record)
    if left_out:
        print(f"not on the page, for want of data ({len(left_out)} figures):")
        for line in left_out:
            print(f"  {line}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write the dashboards as a static site: no kernel and no server-side Python needed."""
    from .present.site import build

    out = atomic.check_output(args.out, home())
    with lock.reading("export"):
        pages = build(out, args.edition)
    print(f"wrote {len(pages)} pages, plotly.js and data/ to {out}")
    return 0


def _comparisons(args: argparse.Namespace):
    from .api import compared

    return compared(args.edition, args.plan, args.year, countries=args.countries, source=args.source)


def _year(text: str) -> int | str:
    """A reference year, or ``latest`` (each figure its latest complete year)."""
    if text == "latest":
        return text
    if text.isdigit() and len(text) == 4:
        return int(text)
    raise argparse.ArgumentTypeError(f"{text!r}: a year such as 2023, or 'latest'")


def cmd_keyfigures(args: argparse.Namespace) -> int:
    """The plan's figures, computed and compared, as a table, CSV or JSON."""
    from .messages import flat
    from .present.fmt import quantity
    from .present.i18n import word

    rows = _comparisons(args)
    if args.format == "json":
        print(json.dumps([flat(c, args.lang) for c in rows], indent=1, ensure_ascii=False, default=str))
        return 0
    if args.format == "csv":
        import pandas as pd

        frame = pd.DataFrame([flat(c, args.lang) for c in rows])
        frame["sources"] = frame["sources"].map(lambda s: json.dumps(s, ensure_ascii=False))
        frame["parts"] = frame["parts"].map(json.dumps)
        sys.stdout.write(textsafe.csv(frame))
        return 0
    lang = args.lang
    head = (word("figure", lang), word("year", lang), word("printed", lang), word("computed", lang), word("status", lang))
    table = [head] + [(c.label(lang), str(c.year), c.stated_text, quantity(c.computed, c.unit, c.decimals, lang),
                       word(c.status, lang) + (f" [{c.flags}]" if c.flags else "")) for c in rows]
    widths = [max(len(r[i]) for r in table) for i in range(5)]
    theme = None
    for c, row in zip([None, *rows], table):
        if c is not None and c.theme != theme:
            theme = c.theme
            print(f"\n{word(theme, lang).upper()}")
        print("  ".join(cell.ljust(w) if i in (0, 4) else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths))))
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    """Formula, inputs with provenance, printed vs computed, cause."""
    from .present.explain import lines

    rows = {c.id: c for c in _comparisons(args)}
    if args.id not in rows:
        print(f"error: unknown figure {args.id!r}; known: {', '.join(rows)}", file=sys.stderr)
        return 2
    print("\n".join(lines(rows[args.id], args.lang)))
    return 0


def cmd_live_check(args: argparse.Namespace) -> int:
    """One tiny request per dataset the recipes use: what Eurostat answers before a refresh."""
    import time

    from .livecheck import check
    from .recipes import load_all
    from .sources.eurostat_api import EurostatAPI

    api = EurostatAPI(offline=args.offline, budget=args.budget)
    started = time.monotonic()

    def progress(i: int, n: int, c) -> None:
        print(f"[{i:>2}/{n}] {c.dataset}: {'ok' if c.ok else 'FAILED'}", file=sys.stderr, flush=True)

    results = check(load_all(), api, progress)
    head = ("dataset", "answer", "last update", "periods", "rows", "dimensions", "refused / problem")
    table = [head] + [(c.dataset, "ok" if c.ok else "FAILED", c.last_update or "-", c.period or "-", str(c.rows),
                       ",".join(c.dimensions) or "-", ", ".join(c.refused) or c.problem or "-") for c in results]
    widths = [max(len(r[i]) for r in table) for i in range(len(head) - 1)]
    for row in table:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[-1])
    failed = [c for c in results if not c.ok]
    print(f"{len(results) - len(failed)} of {len(results)} datasets answered; {api.requests} requests in "
          f"{time.monotonic() - started:.1f} s", file=sys.stderr)
    return 3 if failed else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="benelux-indicators", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("data", help="print tidy rows of a dataset from the snapshot or another source")
    p.add_argument("--dataset", required=True)
    p.add_argument("--geo", help="comma-separated geo codes, e.g. BE,NL,LU")
    p.add_argument("--filter", action="append", metavar="DIM=CODE", help="dimension filter (repeatable)")
    p.add_argument("--source", default="snapshot", help="snapshot (default), live or mirror:PATH")
    p.add_argument("--format", choices=["csv", "json"], default="csv")
    p.set_defaults(func=cmd_data)

    for name, func, helptext in [("keyfigures", cmd_keyfigures, "the plan's figures, computed and compared"),
                                 ("explain", cmd_explain, "how one figure is computed, with every input")]:
        p = sub.add_parser(name, help=helptext)
        if name == "explain":
            p.add_argument("id", help="figure id, e.g. population_share_eu")
        p.add_argument("--edition", help="show this edition as it was kept (e.g. 2025); default: compute now")
        p.add_argument("--plan", help="when computing now: the plan compared with (default: the newest plan)")
        p.add_argument("--year", type=_year, help="when computing now: a reference year for every figure, or "
                                                  "'latest' (each figure its latest complete year); default: the plan's")
        p.add_argument("--countries", help="when computing now: another country set, e.g. BE,NL or benelux,DE "
                                           "(nothing is compared: the plan printed the Benelux)")
        p.add_argument("--source", help="where data the snapshot lacks come from: mirror:PATH or live "
                                        "(default: the mirror beside the project, else live)")
        p.add_argument("--lang", choices=["nl", "fr", "de", "en"], default="nl" if name == "keyfigures" else "en")
        if name == "keyfigures":
            p.add_argument("--format", choices=["table", "csv", "json"], default="table")
        p.set_defaults(func=func)

    p = sub.add_parser("snapshot", help="rebuild data/processed/ from a source and the cited publications")
    p.add_argument("--source", default="mirror:../shared/eurostat", help="live or mirror:PATH")
    p.add_argument("--publications", default=DEFAULT_PUBLICATIONS, help="CSV of cited values")
    p.add_argument("--offline", action="store_true", default=None, help="refuse the network (also BENELUX_OFFLINE=1)")
    p.add_argument("--accept-loss", action="append", default=[], metavar="DATASET",
                   help="let this dataset have fewer rows than in the previous snapshot (repeatable)")
    p.set_defaults(func=cmd_snapshot)

    p = sub.add_parser("refresh", help="fetch, recompute and write a new edition with its changelog")
    p.add_argument("--edition", required=True, help="name of the new edition, e.g. 2025 (never overwritten)")
    p.add_argument("--source", default="live", help="live (default) or mirror:PATH")
    p.add_argument("--publications", default=DEFAULT_PUBLICATIONS, help="CSV of cited values ('' for none)")
    p.add_argument("--plan", help="the plan whose printed figures to compare with (default: the newest plan)")
    p.add_argument("--year", type=_year, help="a reference year for every figure, or 'latest' (each figure its "
                                              "latest complete year); default: the plan's")
    p.add_argument("--offline", action="store_true", default=None, help="refuse the network (also BENELUX_OFFLINE=1)")
    p.add_argument("--accept-loss", action="append", default=[], metavar="DATASET",
                   help="let this dataset have fewer rows than in the previous snapshot (repeatable)")
    p.add_argument("--dry-run", action="store_true", help="compute and print the changelog; write nothing")
    p.add_argument("--threshold", type=float, default=1.0, metavar="PERCENT",
                   help="list each country's values revised by more than this (default 1 %%)")
    p.add_argument("--against", metavar="EDITION|plan",
                   help="the baseline of the changelog: an edition, or 'plan' (the printed figures); "
                        "default: the newest edition")
    p.set_defaults(func=cmd_refresh)

    p = sub.add_parser("editions", help="list the editions, or discard a trial one")
    p.add_argument("action", choices=["list", "discard"])
    p.add_argument("name", nargs="?", help="the edition to discard (the newest; never a shipped one)")
    p.set_defaults(func=cmd_editions)

    p = sub.add_parser("draft-plan", help="draft the next plan's printed figures from an edition")
    p.add_argument("--edition", required=True, help="the edition drafted from, e.g. 2025")
    p.set_defaults(func=cmd_draft_plan)

    p = sub.add_parser("live-check", help="ask Eurostat once per dataset the recipes use, before a refresh")
    p.add_argument("--budget", type=float, default=60.0, help="seconds allowed per dataset (default 60)")
    p.add_argument("--offline", action="store_true", default=None, help="refuse the network (also BENELUX_OFFLINE=1)")
    p.set_defaults(func=cmd_live_check)

    p = sub.add_parser("page", help="write an edition's key-figure page as static HTML")
    p.add_argument("--edition", required=True)
    p.add_argument("--lang", choices=["nl", "fr", "de", "en"], default="nl")
    p.add_argument("--out", required=True, help="output directory")
    p.add_argument("--pdf", action="store_true", help="also the A4 PDF for the annual plan (needs chromium)")
    p.set_defaults(func=cmd_page)

    p = sub.add_parser("export", help="write the dashboards as a static site (all pages, all languages)")
    p.add_argument("--out", required=True, help="output folder: new, empty, or a previous export (replaced whole)")
    p.add_argument("--edition", help="the edition shown (default: the newest)")
    p.set_defaults(func=cmd_export)
    return parser


def main(argv: list[str] | None = None) -> int:
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = textsafe.Stripped(sys.stdout), textsafe.Stripped(sys.stderr)  # citations must not drive the terminal
    try:
        return _run(argv)
    finally:
        sys.stdout, sys.stderr = streams


def _run(argv: list[str] | None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    try:
        return args.func(args)
    except BeneluxError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
