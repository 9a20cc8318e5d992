"""`make mutation`: run mutmut over the core and write benchmarks/mutation.md.

Mutants of the readers, operations, engine, comparison, flags, changelog, editions, the raw
cache and validation (pyproject's [tool.mutmut]) are judged by the fast tests. Survivors
judged equivalent are listed with a reason in EQUIVALENT below; the score counts the others.
Takes several minutes: a benchmark, run on demand, not part of `make test`.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTMUT = [sys.executable, "-m", "mutmut"]
# mutant name -> why no test can tell it apart (behaviour is the same)
_OPENPYXL = ("openpyxl's read_only and data_only change speed, memory and how formula cells read; openpyxl "
             "cannot write a formula's cached value and Eurostat's exports hold values only, so no file tells them apart")
_ROWS = ("openpyxl yields every row with max_column cells (never an empty tuple), and no header line of an export "
         "is 'XXXX'")
_SORT = "groupby(...).indices is only looked up by key: the order of its groups changes nothing"
_CODEC = "Python's codec names ignore case ('UTF-8' is 'utf-8'); None is UTF-8 on the machines this runs on"
_SENTINEL = "the row position of a value that is not there is never read: the geo or component is a problem"
EQUIVALENT: dict[str, str] = {
    **{f"benelux_indicators.readers.xlsx.x_read__mutmut_{n}": _OPENPYXL for n in (3, 4, 6, 7, 9, 10)},
    **{f"benelux_indicators.readers.xlsx.x_read__mutmut_{n}": _ROWS for n in (31, 34, 35)},
    **{f"benelux_indicators.operations.x__values__mutmut_{n}": _SORT for n in (13, 15, 16)},
    **{f"benelux_indicators.engine.xǁDataǁ__init____mutmut_{n}": _SORT for n in (5, 7, 13)},
    **{f"benelux_indicators.engine.xǁDataǁyears__mutmut_{n}": _SORT for n in (9, 11, 14)},
    **{f"benelux_indicators.editions.x_names__mutmut_{n}": _CODEC for n in (3, 5)},
    **{f"benelux_indicators.editions.x_load__mutmut_{n}": _CODEC for n in (6, 8)},
    **{f"benelux_indicators.operations.x__cell__mutmut_{n}": _SENTINEL for n in (7, 8)},
    **{f"benelux_indicators.operations.x__values__mutmut_{n}": _SENTINEL for n in (51, 52)},
}


def _changed(mutant: str) -> str:
    """The mutated line of a mutant, trimmed (one line per survivor in the report)."""
    diff = subprocess.run([*MUTMUT, "show", mutant], cwd=ROOT, capture_output=True, text=True).stdout
    line = next((d[1:].strip() for d in diff.splitlines() if d.startswith("+") and not d.startswith("+++")), "")
    return (line[:110] + "…" if len(line) > 110 else line).replace("`", "'")


def main() -> None:
    if "--report-only" not in sys.argv:  # else: write the report of the last run
        shutil.rmtree(ROOT / "mutants", ignore_errors=True)
        subprocess.run([*MUTMUT, "run", "--max-children", "2"], cwd=ROOT, check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    listing = subprocess.run([*MUTMUT, "results", "--all", "true"], cwd=ROOT, capture_output=True, text=True).stdout
    results = dict(re.findall(r"^\s*(\S+): (\w[\w ]*)$", listing, flags=re.M))
    by_status = Counter(results.values())
    equivalent = {m: why for m, why in ((m, EQUIVALENT.get(m))
                                        for m, s in results.items() if s == "survived") if why}
    survived = [m for m, s in results.items() if s == "survived" and m not in equivalent]
    killed = by_status.get("killed", 0)
    judged = killed + len(survived)
    per_module = Counter(re.sub(r"\.x(?:_|ǁ).*$", "", m) for m in survived)
    lines = ["# Mutation testing", "",
             f"Run {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC by `make mutation` (benchmarks/mutation.py, mutmut).", "",
             f"- mutants: {len(results)}", f"- killed: {killed}", f"- survived: {len(survived)}",
             f"- equivalent (listed below): {len(equivalent)}",
             f"- other (no tests, timeout, suspicious): {len(results) - killed - len(survived) - len(equivalent)}",
             f"- **score: {killed / judged:.1%} of non-equivalent mutants killed**" if judged else "- score: n/a", "",
             "## Survivors by module", "", "| module | survived |", "|---|---:|",
             *[f"| `{m}` | {n} |" for m, n in per_module.most_common()], "",
             "## Equivalent mutants", "", *[f"- `{m}`: {why}" for m, why in sorted(equivalent.items())], "",
             "## Survivors left alone", "",
             "Each survivor and the line it changes (`mutmut show NAME` for the diff). Most change an error text, "
             "a default no caller leaves out, or a scale of 1; each module's rule tests pin its rules.", "",
             *[f"- `{m}`: `{_changed(m)}`" for m in sorted(survived)], ""]
    (ROOT / "benchmarks" / "mutation.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines[:12]))


if __name__ == "__main__":
    main()
