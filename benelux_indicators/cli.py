"""Command line: ``benelux-indicators <command>`` (also ``python -m benelux_indicators``)."""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from . import tidy
from .errors import BeneluxError
from .paths import home

log = logging.getLogger("benelux_indicators")
DEFAULT_PUBLICATIONS = "../shared/transcribed/values.csv"


def _rows(frame, fmt: str) -> str:
    frame = tidy.compact(frame)
    if fmt == "json":
        return json.dumps(json.loads(frame.to_json(orient="records")), indent=1, ensure_ascii=False)
    return frame.to_csv(index=False)


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
    from .sources.publications import Publications

    publications = Path(args.publications)
    if not publications.is_absolute():
        publications = (Path.cwd() / publications) if publications.exists() else home() / publications
    digest, report = build_snapshot(load_all(), eurostat_source(args.source, offline=args.offline),
                                    Publications(publications))
    for line in report.lines():
        print(line)
    print(f"snapshot sha256 {digest}")
    return 0


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

    p = sub.add_parser("snapshot", help="rebuild data/processed/ from a source and the cited publications")
    p.add_argument("--source", default="mirror:../shared/eurostat", help="live or mirror:PATH")
    p.add_argument("--publications", default=DEFAULT_PUBLICATIONS, help="CSV of cited values")
    p.add_argument("--offline", action="store_true", default=None, help="refuse the network (also BENELUX_OFFLINE=1)")
    p.set_defaults(func=cmd_snapshot)
    return parser


def main(argv: list[str] | None = None) -> int:
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
