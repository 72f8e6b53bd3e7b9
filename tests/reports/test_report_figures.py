"""Each PDF's figures, checked against beanquery on the same books: the
report models are never consulted, only the PDF text and the ledger."""

from __future__ import annotations

from decimal import Decimal

from report_helpers import END, START, Rendered, squeeze

from ledger.config import parse_config


def gbp(amount: Decimal) -> str:
    sign = "−" if amount < 0 else ""
    return f"{sign}£{abs(amount):,.2f}"


def shown(rendered: Rendered, report: str, amount: Decimal) -> bool:
    return squeeze(gbp(amount)) in squeeze(rendered.texts[report])


def local_classes(rendered: Rendered) -> dict[str, Decimal]:
    rows = rendered.query(
        # Stock bought counts at its cost, as local spend counts it.
        f"SELECT meta('local-class') AS place, sum(number(cost(position))) WHERE "
        f"date >= {START} AND date <= {END} GROUP BY place")
    return {place: total for place, total in rows if place is not None}


def test_grants_panel_scheme_totals(rendered: Rendered) -> None:
    for scheme in ("SBGF", "RHLGF", "LADGF", "LRSG-Nov20", "VCSE"):
        awarded = rendered.total(f"account = 'Expenses:Grants:{scheme}' AND number > 0")
        paid = rendered.total(f"account = 'Liabilities:GrantsPayable:{scheme}' AND number > 0")
        assert shown(rendered, "grants-panel", awarded), scheme
        assert shown(rendered, "grants-panel", paid), scheme
    recovered = -rendered.total("account ~ '^Expenses:Grants:' AND number < 0")
    assert shown(rendered, "grants-panel", recovered)
    count = rendered.query(f"SELECT count(number) WHERE account ~ '^Expenses:Grants:' "
                           f"AND number > 0 AND date >= {START} AND date <= {END}")[0][0]
    assert f"Awards\n{count}" in rendered.texts["grants-panel"]


def test_grants_panel_lists_every_exception_with_its_line(rendered: Rendered) -> None:
    text = squeeze(rendered.texts["grants-panel"])
    grant_errors = [e for e in rendered.ledger.errors if "[grants." in str(e.message)]
    assert grant_errors
    for error in grant_errors:
        name = error.source["filename"].rsplit("/", 1)[-1]
        assert f"{name}:{error.source['lineno']}" in text


def test_social_value_local_spend_and_lm3(rendered: Rendered) -> None:
    classes = local_classes(rendered)
    for amount in classes.values():
        assert shown(rendered, "social-value", amount)
    total = sum(classes.values())
    assert shown(rendered, "social-value", total)
    settings = rendered.books.context.settings  # the ledger's declared shares
    round2 = classes["own-area"] * settings.local_round2_share
    round3 = round2 * settings.local_round3_share
    assert shown(rendered, "social-value", round2)
    assert shown(rendered, "social-value", round3)
    lm3 = (total + round2 + round3) / total
    assert f"LocalMultiplier3{lm3:.2f}" in squeeze(rendered.texts["social-value"])


def test_social_value_delivered_against_declarations(rendered: Rendered) -> None:
    config, _ = parse_config(rendered.ledger.entries)
    delivered = Decimal(0)
    for d in config.deliveries:
        measure = config.measures.get(d.measure)
        if (START <= d.date <= END and measure and d.id in config.contracts
                and d.unit in (None, measure.unit)):
            delivered += (d.quantity * measure.proxy).quantize(Decimal("0.01"))
    assert delivered > 0
    assert shown(rendered, "social-value", delivered)


# Grants paid: through GrantsPayable, or (payments to people) at once.
PAID_GRANTS = ("account ~ '^Liabilities:GrantsPayable:' AND number > 0 OR account ~ "
               "'^Expenses:Grants:' AND number > 0 AND entry_meta('person-ref') IS NOT NULL")


def test_balance_sheet_flows(rendered: Rendered) -> None:
    tranches = -rendered.total("account = 'Income:Government:Covid:Tranche'")
    funding = -rendered.total("account ~ '^Income:Government:GrantFunding:'")
    ring_fenced = -rendered.total("account ~ '^Liabilities:RingFenced' AND number < 0")
    received = -rendered.total("account = 'Assets:Receivable:Claims' AND number < 0")
    claimed = rendered.total("account = 'Assets:Receivable:Claims' AND number > 0")
    grants_paid = rendered.total(f"({PAID_GRANTS})")
    # Relief overpayments recovered are their own flow, not negative spend.
    relief = -rendered.total("account ~ '^Expenses:Contracts:' AND number < 0 "
                             "AND meta('local-class') IS NOT NULL "
                             "AND bool(entry_meta('recovery'))")
    spend = sum(local_classes(rendered).values()) + relief
    for amount in (tranches, funding, ring_fenced, received, claimed, grants_paid, spend):
        assert shown(rendered, "balance-sheet", amount), amount
    # The year before holds the first tranche (27 March 2020): its column is filled.
    prior = rendered.query("SELECT sum(number) WHERE account ~ '^Income:Government:Covid:"
                           "Tranche' AND date >= 2019-04-01 AND date <= 2020-03-31")[0][0]
    assert prior and shown(rendered, "balance-sheet", -prior)
    assert "No transactions in the prior period" not in rendered.texts["balance-sheet"]


def test_claim_pack(rendered: Rendered) -> None:
    text = rendered.texts["claim"]
    sfc = -rendered.query("SELECT sum(number) WHERE account = 'Income:Government:Covid:SFC' "
                          "AND meta('income-line') != 'Rents'")[0][0]
    assert shown(rendered, "claim", sfc)
    for claim in ("SFC-P1", "SFC-P2", "SFC-P3", "EXP-2020"):
        received = -rendered.query(
            f"SELECT sum(number) WHERE account = 'Assets:Receivable:Claims' "
            f"AND number < 0 AND 'claim-{claim}' IN links")[0][0]
        assert shown(rendered, "claim", received), claim
    pressures = rendered.total("account ~ '^Expenses:Covid:'")
    assert shown(rendered, "claim", pressures)
    budget = rendered.books.config.income_lines["Parking"].budget
    assert shown(rendered, "claim", budget * Decimal("0.05"))
    for reason in ("Double funding", "Excluded income", "commercial rental income"):
        assert squeeze(reason) in squeeze(text)
