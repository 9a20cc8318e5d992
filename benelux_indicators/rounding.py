"""The plan's rounding rule, in one place: half up at the printed precision (babel and
Python's round() go half to even, which would turn 6.65 into 6.6)."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def rounded(value: float, decimals: int) -> Decimal:
    """``value`` rounded half up to ``decimals`` places, from its shortest decimal form."""
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
