"""UK postcodes: checking their format and naming their parts.

A postcode such as ``PR1 2HE`` has an outward code (``PR1``, the district)
and an inward code (``2HE``). Its area is the leading letters (``PR``) and
its sector the district plus the inward digit (``PR1 2``). Councils list
their own area and region by these parts, so local spend can be classed by
the most specific part a list names, and ``PR1`` never matches ``PR10``.

Importers also find postcodes in text that is not a postcode field:
Contracts Finder runs address parts together (``Randalls WayLEATHERHEAD
SURREYKT22 7TWGB``), so ``find_in`` takes a postcode only when exactly one
reading of the text gives a real postcode area.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from typing import NamedTuple

# The formats Royal Mail issues (A9, A99, A9A, AA9, AA99, AA9A, then 9AA),
# with the letters each position never uses, and the special GIR 0AA.
_OUTWARD = r"[A-PR-UWYZ](?:[0-9][0-9A-HJKPS-UW]?|[A-HK-Y][0-9][0-9ABEHMNPRV-Y]?)"
_INWARD = r"[0-9][ABD-HJLNP-UW-Z]{2}"
_FORMAT = re.compile(rf"(?:GIR 0AA|{_OUTWARD} {_INWARD})")

# The parts an area list may name, one word each: an area (the outward
# code's leading letters), a district (the outward code), or the inward
# digit of a sector / the inward code of a full postcode after a district.
_AREA_WORD = re.compile(r"[A-PR-UWYZ][A-HK-Y]?")
_DISTRICT_WORD = re.compile(_OUTWARD)
_SECTOR_DIGIT = re.compile(r"[0-9]")
_INWARD_WORD = re.compile(_INWARD)

# The 121 postcode areas of the UK and Crown dependencies. Only ``find_in``
# needs them: in run-together text a real area is what tells where a
# postcode starts (``KT22 7TW``, not ``T22 7TW``).
AREAS = frozenset("""
AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG
DH DL DN DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM
IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW
OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY
TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE
""".split())


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


def read_area(words: Iterable[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    """The prefixes an area list names, in standard form, and the words that
    name no postcode part (as written), which are left out.

    Each word is a postcode area (``PR``), a district (``PR1``) or a whole
    postcode written without its space (``PR12HE``). Lists are split on
    spaces, so a sector or a postcode arrives as two words: a lone digit
    joins the district before it (``pr2``, ``5`` -> ``PR2 5``), and so does
    an inward code (``PR1``, ``2HE`` -> the postcode ``PR1 2HE``); that
    district is then not itself listed. Anything else (``2HE`` with no
    district before it, ``PR1-2``, ``5`` after an area) is a bad word.
    """
    prefixes: list[str] = []
    bad: list[str] = []
    district = False  # whether the last prefix is a bare district
    for raw in words:
        word = raw.upper()
        if district and (_SECTOR_DIGIT.fullmatch(word) or _INWARD_WORD.fullmatch(word)):
            prefixes[-1] = f"{prefixes[-1]} {word}"
            district = False
        elif _AREA_WORD.fullmatch(word) or _DISTRICT_WORD.fullmatch(word):
            prefixes.append(word)
            district = not word.isalpha()
        elif (postcode := parse(word)) is not None:
            prefixes.append(postcode.code)
            district = False
        else:
            bad.append(raw)
            district = False
    return frozenset(prefixes), tuple(bad)


def area_prefixes(words: Iterable[str]) -> frozenset[str]:
    """The prefixes an area list names, in standard form (see ``read_area``;
    words naming no postcode part are dropped)."""
    return read_area(words)[0]


def parse(text: str) -> Postcode | None:
    """The postcode in ``text`` (any case and spacing), or None when it is
    not a UK postcode: ``e201jn`` -> ``E20 1JN``."""
    compact = "".join(str(text).split()).upper()
    code = f"{compact[:-3]} {compact[-3:]}"
    if not _FORMAT.fullmatch(code):
        return None
    return Postcode(code)


def normalise(text: str) -> str | None:
    """A postcode field in standard form (``e201jn`` -> ``E20 1JN``), or None
    when it is not a postcode; the same test the rules apply."""
    postcode = parse(text)
    return postcode.code if postcode else None


def find_in(text: str) -> str | None:
    """The one postcode inside run-together ``text``, or None when none or
    several fit.

    Every stretch of 5 to 8 characters is read as a postcode, with at most
    the one space before the inward code, and kept when its area is real.
    """
    upper = text.upper()
    found: set[str] = set()
    for start in range(len(upper)):
        for end in range(start + 5, min(start + 8, len(upper)) + 1):
            candidate = upper[start:end]
            if " " in candidate[:-4] or " " in candidate[-3:]:
                continue
            postcode = parse(candidate)
            if postcode and postcode.area in AREAS:
                found.add(postcode.code)
    # Drop readings inside a longer one (``W1A 1AA`` in ``SW1A 1AA``).
    compact = {p: p.replace(" ", "") for p in found}
    kept = {p for p in found
            if not any(q != p and compact[q].endswith(compact[p]) for q in found)}
    return kept.pop() if len(kept) == 1 else None
