"""Export the demo's grants, import them again: the same awards and payments.

The 360Giving importer (importers/threesixty_giving.py) is another
engineer's work; these tests are skipped until it can be imported.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from beancount.core import data

from ledger import accounts
from ledger.metadata import AWARD_LINK, link_id
from rules.session import Session

giving = pytest.importorskip("importers.threesixty_giving")

PREFIX = "360G-GB-LAE-LUN-"


@dataclass
class Grant:
    date: datetime.date | None = None
    amount: Decimal = Decimal(0)
    recipient: str | None = None
    payments: list[tuple[datetime.date, Decimal]] = field(default_factory=list)

    @property
    def paid(self) -> Decimal:
        return sum((amount for _, amount in self.payments), Decimal(0))


def grants_in(entries: list, strip: str = "") -> dict[str, Grant]:
    """Awards and the money moved on their links, by award id."""
    grants: dict[str, Grant] = defaultdict(Grant)
    for txn in entries:
        award_id = isinstance(txn, data.Transaction) and link_id(txn.links, AWARD_LINK)
        if not award_id:
            continue
        grant = grants[award_id.removeprefix(strip)]
        for posting in txn.postings:
            number = posting.units.number
            if accounts.under(posting.account, accounts.GRANTS) and number > 0:
                grant.date, grant.amount = txn.date, grant.amount + number
                grant.recipient = txn.meta.get("org-id") or txn.meta.get("person-ref")
                # A payment to a person is paid at once, from the bank or as a voucher.
                at_once = -sum(p.units.number for p in txn.postings if p.units.number < 0
                               and (accounts.under(p.account, accounts.BANK)
                                    or accounts.under(p.account, accounts.VOUCHERS)))
                if at_once:
                    grant.payments.append((txn.date, min(at_once, number)))
            elif accounts.under(posting.account, accounts.GRANTS) or (
                    accounts.under(posting.account, accounts.GRANTS_PAYABLE) and number > 0):
                grant.payments.append((txn.date, number))
    return {k: g for k, g in grants.items() if g.date}


@pytest.fixture(scope="module")
def round_trip(plain_demo_dir, tmp_path_factory):
    """(ledger grants, individuals' org-ids, {suffix: (imported grants, rejects)})."""
    from cli.main import main

    ledger = Session.load(str(plain_demo_dir / "main.beancount"))
    people = {o.id for o in ledger.config.organisations.values() if o.individual}
    people |= {e.meta["person-ref"] for e in ledger.entries
               if isinstance(e, data.Transaction) and "person-ref" in e.meta}
    out = tmp_path_factory.mktemp("round-trip")
    imported = {}
    for suffix, importer in ((".json", giving.GrantsJSONImporter()),
                             (".csv", giving.GrantsCSVImporter())):
        path = out / f"grants{suffix}"
        assert main(["export", "360giving", str(plain_demo_dir / "main.beancount"),
                     "--out", str(path)]) == 0
        assert importer.identify(str(path))
        result = importer.parse(str(path))
        imported[suffix] = (grants_in(result.entries, PREFIX), result.rejects)
    return grants_in(ledger.entries), people, imported


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_organisations_grants_come_back(round_trip, suffix):
    ledger, people, imported = round_trip
    back, _ = imported[suffix]
    for award_id, grant in ledger.items():
        if grant.recipient in people:
            continue
        again = back[award_id]
        assert (again.date, again.amount, again.recipient) == (
            grant.date, grant.amount, grant.recipient), award_id
        assert again.paid == grant.paid, award_id


def _figures(grant):
    return grant.date, grant.amount, tuple(sorted(grant.payments))


def test_every_grant_and_payment_comes_back(round_trip):
    """Organisations' grants under their award ids; people's under opaque
    ids (an award id may name the person), with the same figures."""
    ledger, people, imported = round_trip
    back, rejects = imported[".json"]
    assert rejects == []
    assert len(back) == len(ledger)
    theirs = {i: g for i, g in ledger.items() if g.recipient in people}
    for award_id, grant in ledger.items():
        if award_id not in theirs:
            assert _figures(back[award_id]) == _figures(grant), award_id
            assert back[award_id].recipient == grant.recipient, award_id
    opaque = {i: g for i, g in back.items() if i.startswith("IND-GRANT-")}
    assert theirs and not set(theirs) & set(back)
    assert sorted(map(_figures, opaque.values())) == sorted(map(_figures, theirs.values()))
    assert all(g.recipient.startswith(PREFIX + "IND-") for g in opaque.values())
