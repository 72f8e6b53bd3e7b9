"""UK postcodes: checking their format and naming their parts.

A postcode such as ``PR1 2HE`` has an outward code (``PR1``, the district)
and an inward code (``2HE``). Its area is the leading letters (``PR``) and
its sector the district plus the inward digit (``PR1 2``). Councils list
their own area and region by these parts, so local spend can be classed by
the most specific part a list names, and ``PR1`` never matches ``PR10``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from typing import NamedTuple

# The formats Royal Mail issues (A9, A99, A9A, AA9, AA99, AA9A, then 9AA),
# with the letters each position never uses, and the special GIR 0AA.
_FORMAT = re.compile(
    r"(?:GIR 0AA"
    r"|[A-PR-UWYZ](?:[0-9][0-9A-HJKPS-UW]?|[A-HK-Y][0-9][0-9ABEHMNPRV-Y]?)"
    r" [0-9][ABD-HJLNP-UW-Z]{2})"
)


class Postcode(NamedTuple):
    """A well-formed postcode, written the standard way (``E20 1JN``)."""

    code: str

    @property
    def district(self) -> str:
        """The outward code, e.g. ``PR1``."""
        return self.code.split(" ", 1)[0]

    @property
    def sector(self) -> str:
        """The district and the inward digit, e.g. ``PR1 2``."""
        return self.code[:-2]

    @property
    def area(self) -> str:
        """The postcode area, the district's leading letters, e.g. ``PR``."""
        return "".join(itertools.takewhile(str.isalpha, self.code))

    def prefixes(self) -> tuple[str, str, str, str]:
        """Unit, sector, district and area: most specific first."""
        return (self.code, self.sector, self.district, self.area)


def area_prefixes(words: Iterable[str]) -> frozenset[str]:
    """The prefixes an area list names, in standard form.

    Lists are split on spaces, so a sector arrives as two words: a lone digit
    joins the district before it (``pr2``, ``5`` -> ``PR2 5``) and that
    district is then not itself listed.
    """
    prefixes: list[str] = []
    for word in words:
        word = word.upper()
        if word.isdigit() and len(word) == 1 and prefixes:
            prefixes[-1] = f"{prefixes[-1]} {word}"
        else:
            prefixes.append(word)
    return frozenset(prefixes)


def parse(text: str) -> Postcode | None:
    """The postcode in ``text`` (any case and spacing), or None when it is
    not a UK postcode: ``e201jn`` -> ``E20 1JN``."""
    compact = "".join(str(text).split()).upper()
    code = f"{compact[:-3]} {compact[-3:]}"
    if not _FORMAT.fullmatch(code):
        return None
    return Postcode(code)
