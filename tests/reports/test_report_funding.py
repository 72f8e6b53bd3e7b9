"""The funding pots report and the funding gap statement, against sums taken
from the demo's postings by hand (a plain loop, and beanquery)."""

from __future__ import annotations

from decimal import Decimal

from beancount.core import data
from report_helpers import END, START, Rendered, squeeze

from ledger.metadata import POT_LINK as PREFIX
from reports.pdf.formatting import money
from reports.registry import REPORTS

ZERO = Decimal(0)


def _claim_receipts(rendered: Rendered, prefix: str) -> Decimal:
    """Bank postings of transactions linked ^claim-<prefix>...: what came in."""
    return sum((p.units.number for e in rendered.ledger.entries
                if isinstance(e, data.Transaction)
                and any(link.startswith(f"claim-{prefix}") for link in e.links)
                for p in e.postings if p.account.startswith("Assets:Bank")), ZERO)


def _hand_gap(rendered: Rendered) -> dict[str, Decimal]:
    """Every term of the gap, summed from the postings and declarations."""
    entries = rendered.ledger.entries
    in_year = [e for e in entries if isinstance(e, data.Transaction) and START <= e.date <= END]
    covid = [(e, p) for e in in_year for p in e.postings
             if p.account.startswith("Expenses:Covid:")]
    excluded = {e.values[0].value for e in entries if isinstance(e, data.Custom)
                and e.type == "cwl-income-line" and "income-type" in e.meta}
    sfc_loss = sum((p.meta["gross-loss"] - p.meta["savings"]
                    for e in entries if isinstance(e, data.Transaction)
                    for p in e.postings if p.account == "Income:Government:Covid:SFC"
                    and p.meta["income-line"] not in excluded), ZERO)
    tax = sum((e.meta["share"] * (e.meta["budgeted"].number - e.meta["collected"].number)
               for e in entries if isinstance(e, data.Custom)
               and e.type == "cwl-collection-fund"), ZERO)
    return {
        "cost_pressures": sum((p.units.number for _, p in covid), ZERO),
        "fees_charges_lost": sfc_loss,
        "tax_lost": tax,
        "tranches": -rendered.total("account ~ '^Income:Government:Covid:Tranche'"),
        "sfc_compensation": _claim_receipts(rendered, "SFC-"),
        "reimbursements": _claim_receipts(rendered, "EXP-"),
        "ring_fenced_spent": sum((p.units.number for e, p in covid if "fund" in e.meta), ZERO),
    }


def test_the_gap_is_the_hand_computed_sums(rendered: Rendered) -> None:
    model = REPORTS["funding-pots"].build(rendered.books)
    hand = _hand_gap(rendered)
    assert all(hand.values()), "every term of the gap has money in the demo"
    for term, value in hand.items():
        assert getattr(model.gap, term) == value, term
    gap = (hand["cost_pressures"] + hand["fees_charges_lost"] + hand["tax_lost"]
           - hand["tranches"] - hand["sfc_compensation"] - hand["reimbursements"]
           - hand["ring_fenced_spent"])
    assert model.gap.gap == gap
    reserves = rendered.ledger.config.settings.usable_reserves
    assert reserves and model.gap.share_of_reserves == gap / reserves
    text = squeeze(rendered.texts["funding-pots"])
    assert squeeze(f"Funding gap {money(gap)}") in text
    assert squeeze(f"{gap / reserves * 100:,.1f}%") in text


def _pot_sum(rendered: Rendered, pot_id: str, where: str) -> Decimal:
    total = rendered.query(f"SELECT sum(number) WHERE '{PREFIX}{pot_id}' IN links AND {where}")
    return total[0][0] if total and total[0][0] is not None else ZERO


def test_every_pot_is_listed_with_its_money_and_hours(rendered: Rendered) -> None:
    text = squeeze(rendered.texts["funding-pots"])
    declared = [e for e in rendered.ledger.entries if isinstance(e, data.Custom)]
    pots = [e for e in declared if e.type == "cwl-pot"]
    assert pots
    for pot in pots:
        pot_id, meta = pot.values[0].value, pot.meta
        spent = _pot_sum(rendered, pot_id,
                         "account ~ '^Expenses:' AND entry_meta('match') IS NULL")
        received = -_pot_sum(rendered, pot_id, "account ~ '^Income:'")
        passed_on = _pot_sum(rendered, pot_id, "account ~ '^Expenses:' AND "
                             f"entry_meta('org-id') = '{meta.get('passed-on-to')}'")
        allocation = meta["allocation"].number
        row = [allocation, received, spent, passed_on, allocation - spent]
        assert squeeze("".join(money(v) for v in row)) in text, pot_id
        report_hours = sum((e.meta["hours"] for e in declared if e.type == "cwl-pot-report"
                            and e.values[0].value == pot_id), ZERO)
        hours = [meta["bid-hours"], report_hours, meta["bid-hours"] + report_hours]
        assert squeeze("".join(f"{h:,.0f}" for h in hours)) in text, pot_id
    findings = rendered.texts["funding-pots"]
    for code in ("pots.report-overdue", "pots.unspent-by-deadline", "pots.match-short",
                 "pots.unknown-pot"):
        assert code in findings
