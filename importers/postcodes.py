"""UK postcodes: normalising them and finding one inside run-together text.

Contracts Finder runs address parts together (``Randalls WayLEATHERHEAD
SURREYKT22 7TWGB``) and drops spaces (``E201JN``). A postcode is only taken
when exactly one reading of the text gives a real postcode area.
"""

from __future__ import annotations

import re

# The 121 postcode areas of the UK and Crown dependencies.
AREAS = frozenset("""
AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG
DH DL DN DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM
IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW
OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY
TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE
""".split())

_WHOLE = re.compile(r"([A-Z]{1,2})(\d[A-Z\d]?) ?(\d[A-Z]{2})")


def normalise(text: str) -> str | None:
    """``e201jn`` -> ``E20 1JN``; None when it is not a postcode."""
    match = _WHOLE.fullmatch(text.strip().upper())
    if not match or match.group(1) not in AREAS:
        return None
    area, district, inward = match.groups()
    return f"{area}{district} {inward}"


def find_in(text: str) -> str | None:
    """The one postcode inside ``text``, or None when none or several fit."""
    upper = text.upper()
    found: set[str] = set()
    for start in range(len(upper)):
        for length in range(5, 9):
            candidate = upper[start:start + length]
            postcode = normalise(candidate) if len(candidate) == length else None
            if postcode:
                found.add(postcode)
    # Drop readings contained in a longer one (``T22 7TW`` in ``KT22 7TW``).
    compact = {p: p.replace(" ", "") for p in found}
    kept = {p for p in found
            if not any(q != p and compact[q].endswith(compact[p]) for q in found)}
    return kept.pop() if len(kept) == 1 else None
