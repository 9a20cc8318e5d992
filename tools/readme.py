"""The README's generated lines: ``python tools/readme.py`` (``make readme``) rewrites each
block between ``<!-- generated:NAME -->`` and ``<!-- /generated -->`` from what the code
computes, so a new figure or a changed status needs no prose edit; ``--check`` exits 1 when
the README is behind (the test suite runs it)."""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"(<!-- generated:(\w+) -->)(.*?)(<!-- /generated -->)", re.S)


def status_counts() -> str:
    from benelux_indicators import build

    run = build.build()
    got = Counter(c.status.value for c in run.comparisons)
    parts = [f"{got[s]} {word}" for s, word in (("match", "match"), ("revised", "revised"), ("differs", "differ"),
                                                ("not_printed", "not printed"), ("no_data", "have no data")) if got[s]]
    return (f"On the committed snapshot, against plan {run.plan.edition}: {len(run.comparisons)} figures, "
            f"{', '.join(parts)} offline.")


GENERATORS = {"status_counts": status_counts}


def render(text: str) -> str:
    return BLOCK.sub(lambda m: f"{m.group(1)}{GENERATORS[m.group(2)]()}{m.group(4)}", text)


if __name__ == "__main__":
    path = ROOT / "README.md"
    text = path.read_text(encoding="utf-8")
    new = render(text)
    if "--check" in sys.argv:
        sys.exit(0 if new == text else "README.md is behind what the code computes: run `make readme`")
    path.write_text(new, encoding="utf-8")
