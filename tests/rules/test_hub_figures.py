"""The council demo's figures with the hub and without it: local spend,
the transparency spend export and the claims change only by the hub's own
stock bought (counted as spend with the supplier, at cost in pounds) and
issued (a COVID cost at the lots' cost); no mask is ever added as a pound."""

from __future__ import annotations

import shutil
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from ledger.accounts import BANK, COVID_PRESSURES, STOCK, under
from ledger.demo.hub import FILE
from reports.exports.spend import spend_rows
from rules.session import Session

CENT = Decimal("0.01")


@pytest.fixture(scope="module")
def books(demo_dir: Path, tmp_path_factory) -> tuple[Session, Session]:
    """The demo as written, and the same books without the hub's file."""
    bare = tmp_path_factory.mktemp("no-hub")
    for path in demo_dir.glob("*.beancount"):
        shutil.copy(path, bare / path.name)
    main = bare / "main.beancount"
    text = main.read_text()
    assert f'include "{FILE}"\n' in text
    main.write_text(text.replace(f'include "{FILE}"\n', ""))
    return Session.load(demo_dir / "main.beancount"), Session.load(main)


def _hub(entry) -> bool:
    return entry.meta["filename"].endswith("/" + FILE)


def test_local_spend_gains_only_the_stock_bought_at_cost(books):
    hub, bare = books
    bought = [e for e in hub.entries if hasattr(e, "postings") and _hub(e)
              and any(under(p.account, BANK) for p in e.postings)]
    assert bought, "the hub buys stock"
    payments = [m for m in hub.local_spend.payments if _hub(m.entry)]
    assert [m.entry for m in payments] == bought
    for payment in payments:  # the supplier paid, in pounds: what left the bank
        paid = -sum(p.units.number for p in payment.entry.postings if under(p.account, BANK))
        assert payment.amount == paid and payment.payee.org_id
    others = [m.amount for m in hub.local_spend.payments if not _hub(m.entry)]
    assert others == [m.amount for m in bare.local_spend.payments]
    with_hub, without = hub.local_spend.totals(), bare.local_spend.totals()
    extra = Counter()
    for payment in payments:
        extra[payment.payee.local_class] += payment.amount
    assert {k: with_hub[k] - without[k] for k in with_hub} == {
        k: extra.get(k, Decimal(0)) for k in with_hub}
    assert all(v == v.quantize(CENT) for v in with_hub.values())


def test_spend_export_gains_only_rows_for_stock_bought(books):
    hub, bare = books
    rows, bare_rows = Counter(spend_rows(hub)), Counter(spend_rows(bare))
    assert not bare_rows - rows
    added = rows - bare_rows
    stock = list(added.elements())
    assert stock and all(r.expense_area == "Stock" for r in stock)
    bought = sum((m.amount for m in hub.local_spend.payments if _hub(m.entry)), Decimal(0))
    assert sum(r.amount for r in stock) == bought


def test_claims_gain_only_the_stock_issued_at_cost(books):
    hub, bare = books
    issued = Counter()
    for entry in hub.entries:
        if hasattr(entry, "postings") and _hub(entry) \
                and any(under(p.account, STOCK) for p in entry.postings):
            for p in entry.postings:
                if under(p.account, COVID_PRESSURES):
                    assert p.units.currency == "GBP"
                    issued[p.account.split(":")[2]] += p.units.number
    assert set(issued) == {"PPE", "FoodEssentials"}

    def by_category(session):
        sums = Counter()
        for pressure in session.claims.pressures:
            sums[pressure.category] += pressure.amount
        return sums

    with_hub, without = by_category(hub), by_category(bare)
    assert {k: with_hub[k] - without[k] for k in with_hub if with_hub[k] != without[k]} \
        == dict(issued)
