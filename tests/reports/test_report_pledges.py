"""The community wealth pledges report and the rent foregone on the
community balance sheet, against sums taken from the demo by hand."""

from __future__ import annotations

from decimal import Decimal

from beancount.core import data
from report_helpers import END, START, Rendered, squeeze

from reports.pdf.formatting import money

ZERO = Decimal(0)


def _declared(rendered: Rendered, kind: str) -> list[data.Custom]:
    return [e for e in rendered.ledger.entries if isinstance(e, data.Custom) and e.type == kind]


def test_spend_by_ownership_is_the_payments_to_each_kind(rendered: Rendered) -> None:
    owners = {e.values[0].value: e.meta["ownership"]
              for e in _declared(rendered, "cwl-organisation") if "ownership" in e.meta}
    assert owners
    text = squeeze(rendered.texts["pledges"])
    for kind in set(owners.values()):
        ids = [org for org, owner in owners.items() if owner == kind]
        paid = [e for e in rendered.ledger.entries
                if isinstance(e, data.Transaction) and START <= e.date <= END
                and e.meta.get("org-id") in ids
                and any(p.account.startswith("Assets:Bank") for p in e.postings)]
        total = sum((p.units.number for e in paid for p in e.postings
                     if p.account.startswith("Expenses:")), ZERO)
        assert total > 0, kind
        assert squeeze(f"{kind}{money(total)}") in text, kind


def test_each_pledge_is_shown_with_its_state(rendered: Rendered) -> None:
    text = squeeze(rendered.texts["pledges"])
    found = {f.concerns for f in rendered.ledger.pledges.findings}
    for pledge in _declared(rendered, "cwl-pledge"):
        pledge_id = pledge.values[0].value
        assert squeeze(pledge_id) in text
        assert squeeze(money(pledge.meta["baseline"].number)) in text
    assert found and "offtrack" in text and "ontrack" in text


def test_rent_foregone_is_on_the_balance_sheet_pro_rata(rendered: Rendered) -> None:
    assets = _declared(rendered, "cwl-asset")
    assert assets
    foregone = sum(((e.meta["market-rent"].number - e.meta["rent-charged"].number)
                    * ((END - max(e.date, START)).days + 1) / 365).quantize(Decimal("0.01"))
                   for e in assets)
    text = squeeze(rendered.texts["balance-sheet"])
    assert squeeze(f"Rent foregone on community assets memo {money(foregone)}") in text
