"""Text that leaves the tool: CSV cells a spreadsheet will not run, terminal lines that
cannot move the cursor. Citations and notes come from files people edit, so anything
printed or exported may carry what its author did not intend."""
from __future__ import annotations

import re

import pandas as pd

# A spreadsheet treats a cell starting with one of these as a formula (=HYPERLINK(...), @SUM(...)).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # keeps tab and newline


def cell(text: str) -> str:
    """A text cell a spreadsheet shows as text: a leading ``'`` before a formula start."""
    return "'" + text if text.startswith(FORMULA_START) else text


def neutral(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its text cells neutralised; numbers stay numbers."""
    out = frame.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].map(lambda v: cell(v) if isinstance(v, str) else v)
    return out


def csv(frame: pd.DataFrame) -> str:
    """``frame`` as CSV with its text cells neutralised."""
    return neutral(frame).to_csv(index=False)


def terminal(text: str) -> str:
    """``text`` without control characters (escape sequences, bells, carriage returns)."""
    return _CONTROL.sub("", text)


class Stripped:
    """A text stream that writes through :func:`terminal`: the CLI's stdout and stderr."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(terminal(text))

    def __getattr__(self, name: str):
        return getattr(self._stream, name)
