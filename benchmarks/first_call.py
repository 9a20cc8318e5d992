"""The economist's first call, as a newcomer meets it: a fresh Python process that imports
the package and asks for the key figures (``import benelux_indicators as bi; bi.keyfigures()``).
Each run is its own process (nothing warm but the OS file cache, which a second notebook
cell has too). Writes the "First call" section of benchmarks/results.md."""
from __future__ import annotations

import re
import statistics
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

RESULTS = Path(__file__).with_name("results.md")
PROBE = """
import sys, time
t = time.perf_counter()
import benelux_indicators as bi
t1 = time.perf_counter()
bi.keyfigures()
t2 = time.perf_counter()
bi.keyfigures()
t3 = time.perf_counter()
heavy = [m for m in ("plotly", "voila", "ipywidgets", "jupyter_server") if m in sys.modules]
print(t1 - t, t2 - t1, t3 - t2, ",".join(heavy) or "-")
"""


def main(runs: int = 7) -> str:
    rows = [subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True).stdout.split()
            for _ in range(runs)]
    imp, first, second = ([float(r[i]) for r in rows] for i in range(3))
    total = [a + b for a, b in zip(imp, first)]

    def cell(xs: list[float]) -> str:
        return f"{statistics.median(xs):.2f} s (min {min(xs):.2f}, max {max(xs):.2f}, n={len(xs)})"

    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return "\n".join([
        "## First call (fresh process)", "",
        f"Measured {when} by `benchmarks/first_call.py`: each run a new process, as a notebook's first cell.", "",
        "| measure | median | target |", "|---|---|---|",
        f"| `import benelux_indicators` | {cell(imp)} | - |",
        f"| first `bi.keyfigures()` after the import | {cell(first)} | - |",
        f"| import + first `keyfigures()` | {cell(total)} | < 2 s |",
        f"| a second `keyfigures()` in the same process | {cell(second)} | - |",
        f"| heavy modules loaded by the API | {rows[0][3]} | none |", "",
        "Most of the import is `jsonschema` (which the recipe files are checked with) importing its optional",
        "`rfc3987_syntax` format checker (about 1 s, a grammar built at import); the package does not patch",
        "other libraries to avoid it. plotly, Voilà and ipywidgets are imported only by the pages.", ""])


if __name__ == "__main__":
    section = main()
    text = RESULTS.read_text(encoding="utf-8")
    pattern = re.compile(r"## First call \(fresh process\)\n.*?(?=\n## |\Z)", re.S)
    text = pattern.sub(section.rstrip("\n") + "\n", text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(text, encoding="utf-8")
    print(section)
