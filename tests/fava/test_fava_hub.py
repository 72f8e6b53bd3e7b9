"""The Hub section on the demo ledger: stock at cost, days of cover and
the cost of a food parcel as beanquery finds them in the same books, and
the month's activity as declared."""

from __future__ import annotations

from decimal import Decimal

from fava_pages import cells, content, money

from rules.session import Session

MARCH = "&time=2021-03"


def test_hub_page_answers_with_its_findings(demo):
    page = content(demo.page("hub"))
    assert 'data-section="hub"' in page
    assert "/extension/CommunityWealth/pdf?" in page
    for code in ("hub.claimed-in-kind", "hub.donated-value", "hub.unknown-item"):
        assert code in page


def test_stock_at_cost_and_days_of_cover_match_beanquery(demo, demo_dir):
    html = demo.page("hub")
    items = Session.load(demo_dir / "main.beancount").config.items
    for item in ("MASK", "GLOVE", "FOODBOX"):
        where = f"account ~ '^Assets:Stock' AND currency = '{item}'"
        units = demo.total(where)
        at_cost = demo._connection().execute(
            f"SELECT sum(cost(position)) AS c WHERE {where}").fetchall()[0][0]
        row = cells(html, "data-item", item)
        assert row[2] == f"{units:,}"
        assert row[3] == money(at_cost.get_currency_units("GBP").number)
        assert row[5] == str((units / items[item].burn_rate).quantize(Decimal(1)))


def test_cost_per_parcel_is_parcel_stock_and_staff_time_over_parcels(demo, demo_dir):
    html = demo.page("hub", MARCH)
    issued = demo._connection().execute(
        "SELECT sum(cost(position)) AS c WHERE account ~ '^Assets:Stock' "
        "AND currency = 'FOODBOX' AND number < 0 "
        "AND date >= 2021-03-01 AND date <= 2021-03-31").fetchall()[0][0]
    parcel_cost = -issued.get_currency_units("GBP").number
    config = Session.load(demo_dir / "main.beancount").config
    activity = [a for a in config.hub_activity if a.date.year == 2021 and a.date.month == 3]
    parcels = sum(a.food_parcels for a in activity)
    # Redeployed staff time: hours x rate, on its own line (no cash spent).
    staff = [r for r in config.redeployments
             if r.hub and r.date.year == 2021 and r.date.month == 3]
    assert staff, "the demo lends staff to the hub in March"
    staff_time = sum(r.hours * r.rate for r in staff)
    assert cells(html, "data-figure", "parcel-cost")[1] == money(parcel_cost)
    assert cells(html, "data-figure", "staff-time")[1] == money(staff_time)
    assert f"{sum(r.hours for r in staff):,} hours" in cells(html, "data-figure", "staff-time")[0]
    assert "not cash spent" in cells(html, "data-figure", "staff-time")[0]
    assert cells(html, "data-figure", "parcels")[1] == f"{parcels:,}"
    assert cells(html, "data-figure", "per-parcel")[1] == money(
        ((parcel_cost + staff_time) / parcels).quantize(Decimal("0.01")))
    month = cells(html, "data-month", "2021-03")
    assert month[1:] == [f"{sum(getattr(a, k) for a in activity):,}" for k in (
        "requests", "food_parcels", "welfare_calls", "referrals")]
    assert 'data-month="2021-02"' not in html
