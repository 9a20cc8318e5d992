"""Run a notebook top to bottom the way a reader would, and give back its text outputs."""
from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient


def execute(path: Path) -> list[str]:
    """Execute in the notebook's own folder; fail on any error output; return every cell's
    outputs as text (stream, plain, HTML, and the mimetypes shown), one string per cell."""
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors, errors
    texts = []
    for cell in nb.cells:
        parts = []
        for out in cell.get("outputs", []):
            parts.append(out.get("text", ""))
            data = out.get("data", {})
            parts += [" ".join(data), data.get("text/plain", ""), data.get("text/html", "")]
        texts.append("\n".join(parts))
    return texts
