"""Numbers in each language's own style, through babel (CLDR), never by hand.

nl 29.664.912 / 6,6 %; fr 29 664 912 / 6,6 %; de 29.664.912 / 6,6 %; en 29,664,912 / 6.6%.
One deliberate departure from CLDR: Dutch CLDR writes "6,6%", but the Benelux page (and
Dutch government style) prints "6,6 %", so nl uses a no-break space before the sign.
Rounding is half up, as the plan rounds, not babel's default half-even.
"""
from __future__ import annotations

from ..messages import LANGUAGES, PERCENT_UNITS, percent, quantity

__all__ = ["LANGUAGES", "PERCENT_UNITS", "percent", "quantity"]
