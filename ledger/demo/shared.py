"""Grants that one council pays and another pays too: what the national
view must find (``cwl demo --councils``).

Each planted grant is an award and its payment, written into the council's
grants file like any other. They are shared in one way only, so a match is
found for exactly the reason it was planted: the same bank account under
different names and numbers, the same company or charity with different
accounts, or the same property paid to different businesses.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from ledger.demo.books import DemoBooks
from ledger.demo.grants import Grants
from ledger.demo.world import Org

KINDS = ("bank-account", "company", "charity", "property")
FIRST_DAY = datetime.date(2020, 6, 1)


@dataclass(frozen=True)
class Shared:
    """One council's grant to a payee that another council also pays."""

    kind: str  # one of KINDS: what the councils have in common
    number: int  # which planted match, across all councils
    name: str
    company_number: str | None
    charity_number: str | None
    sort_code: str
    account_number: str
    property_ref: str | None


@dataclass(frozen=True)
class Planted:
    """Where a shared grant was paid, and what a national rule matches on."""

    kind: str
    number: int
    match: str  # the national fingerprint, company or charity number, or property
    council: str
    file: str
    line: int


def _org(shared: Shared, books: DemoBooks) -> Org:
    fingerprint = books.world.account(shared.sort_code, shared.account_number)
    if shared.charity_number:
        return Org(f"GB-CHC-{shared.charity_number}", shared.name, books.world.postcode(
            "own-area"), charity_number=shared.charity_number, fingerprint=fingerprint,
            vcse=True)
    return Org(f"GB-COH-{shared.company_number}", shared.name,
               books.world.postcode("own-area"), company_number=shared.company_number,
               fingerprint=fingerprint, sme=True)


def plant_shared(books: DemoBooks, shared: list[Shared] | tuple[Shared, ...]) -> list[Planted]:
    """Award and pay each shared grant in this council's books."""
    if not shared:
        return []
    g = Grants(books, books.files["grants.beancount"], books.files["organisations.beancount"])
    planted = []
    for item in shared:
        org = _org(item, books)
        g.declare(org)
        day = FIRST_DAY + datetime.timedelta(days=item.number)
        if item.charity_number:
            award_id, _ = g.award("VCSE", org, Decimal(5000), day, panel=True,
                                  award_id=f"VCSE-N{item.number:03d}")
            line = g.pay("VCSE", org, award_id, Decimal(5000), day)
        else:
            award_id, _ = g.award("SBGF", org, Decimal(10000), day, prop=item.property_ref,
                                  rv=8000, award_id=f"SBGF-N{item.number:03d}")
            line = g.pay("SBGF", org, award_id, Decimal(10000), day)
        match = {"bank-account": books.world.national.get(org.fingerprint or "", ""),
                 "company": item.company_number, "charity": item.charity_number,
                 "property": item.property_ref}[item.kind]
        planted.append(Planted(item.kind, item.number, match or "", books.world.council.id,
                               g.w.name, line))
    return planted
