"""Each page of the Community Wealth extension on the demo ledger, through
Flask's test client: it answers, and its figures are the ones beanquery
finds in the same books, for all dates and under a time filter."""

from __future__ import annotations

import datetime
import json
import re
from decimal import Decimal
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from fava_pages import SECTIONS, cells, content, money

JUNE = "&time=2020-06"
JUNE_DAYS = (datetime.date(2020, 6, 1), datetime.date(2020, 6, 30))
SCHEMES = ("SBGF", "RHLGF", "LADGF", "LRSG-Nov20", "VCSE")


@pytest.mark.parametrize("section", SECTIONS)
def test_every_page_answers_with_its_nav_and_pdf_link(demo, section):
    html = demo.page(section)
    page = content(html)
    assert f'data-section="{section}"' in page
    for other in SECTIONS:
        assert f"section={other}" in page
    assert "/extension/CommunityWealth/pdf?" in page
    assert 'class="empty"' not in page.split("<h3")[0]


def test_unknown_section_is_a_bad_request(demo):
    response = demo.client.get(f"/{demo.slug}/extension/CommunityWealth/?section=nope")
    assert response.status_code == 400


@pytest.mark.parametrize("query, days", [("", (None, None)), (JUNE, JUNE_DAYS)])
@pytest.mark.parametrize("scheme", SCHEMES)
def test_grants_per_scheme_match_beanquery(demo, scheme, query, days):
    html = demo.page("grants", query)
    awarded = demo.total(f"account = 'Expenses:Grants:{scheme}' AND number > 0", *days)
    paid = demo.total(f"account = 'Liabilities:GrantsPayable:{scheme}' AND number > 0", *days)
    recovered = -demo.total(f"account = 'Expenses:Grants:{scheme}' AND number < 0", *days)
    if not awarded and not paid and not recovered:
        assert f'data-scheme="{scheme}"' not in html
        return
    row = cells(html, "data-scheme", scheme)
    assert (row[3], row[5], row[7]) == (money(awarded), money(paid), money(recovered))


def test_grants_time_filter_changes_the_figures(demo):
    whole = cells(demo.page("grants"), "data-scheme", "SBGF")
    june = demo.page("grants", JUNE)
    assert "Period: 1 Jun 2020 to 30 Jun 2020" in june
    assert 'data-scheme="SBGF"' not in june or cells(june, "data-scheme", "SBGF") != whole


@pytest.mark.parametrize("section, prefix", [
    ("grants", "grants."), ("relief", "relief."), ("local-spend", "local."),
    ("claims", "claims."), ("social-value", "sv.")])
def test_each_section_links_its_streams_findings(demo, section, prefix):
    """Every error of the section's stream on Fava's own errors API is on
    the section's page, with its code and a link to Fava's editor at the
    same file and line."""
    errors = demo.client.get(f"/{demo.slug}/api/errors").get_json()["data"]
    mine = [e for e in errors if f"[{prefix}" in e["message"]]
    assert mine
    page = demo.page(section)
    linked = set()
    for href in re.findall(r'href="([^"]*/editor/\?[^"]*)"', page):
        query = parse_qs(urlsplit(unescape(href)).query)
        linked.add((query["file_path"][0], int(query["line"][0])))
    for error in mine:
        assert (error["source"]["filename"], error["source"]["lineno"]) in linked
        code = error["message"].rsplit("[", 1)[1].rstrip("]")
        assert f"<td>{code}</td>" in page
    if section == "grants":
        assert "Possible double payments (" in page


@pytest.mark.parametrize("query, days", [("", (None, None)), (JUNE, JUNE_DAYS)])
def test_relief_per_contract_matches_beanquery(demo, query, days):
    html = demo.page("relief", query)
    rows = demo.total_by(
        "entry_meta('contract')",
        "account ~ '^Expenses:Contracts:' AND entry_meta('relief-type') IS NOT NULL", *days)
    assert rows
    for contract, paid in rows.items():
        assert cells(html, "data-contract", contract)[3] == money(paid)
    recovered = demo.total_by(
        "entry_meta('contract')",
        "account ~ '^Expenses:Contracts:' AND str(entry_meta('recovery')) = 'TRUE'", *days)
    for contract, amount in recovered.items():
        assert cells(html, "data-contract", contract)[5] == money(-amount)


def test_relief_shows_reconciliation_and_exit(demo):
    row = cells(demo.page("relief"), "data-contract", "CON-0002")
    assert row[4] != "–" and row[7] == "2020-10-31"


@pytest.mark.parametrize("query, days", [("", (None, None)), (JUNE, JUNE_DAYS)])
def test_local_spend_by_class_matches_beanquery(demo, query, days):
    html = demo.page("local-spend", query)
    by_class = demo.total_by("meta('local-class')", "meta('local-class') IS NOT NULL", *days)
    assert by_class
    for local_class in ("own-area", "region", "elsewhere", "unknown"):
        row = cells(html, "data-class", local_class)
        assert row[1] == money(by_class.get(local_class))
    assert "<svg" in content(html) and "<rect" in content(html)


def test_local_spend_time_filter_changes_the_figures(demo):
    whole = cells(demo.page("local-spend"), "data-class", "own-area")
    june = cells(demo.page("local-spend", JUNE), "data-class", "own-area")
    assert whole[1] != june[1]


@pytest.mark.parametrize("query", ["", JUNE])
def test_claims_sfc_lines_match_beanquery(demo, query):
    html = demo.page("claims", query)
    for period in ("SFC-P1", "SFC-P2", "SFC-P3"):
        claimed = demo.total_by(
            "meta('income-line')",
            f"account = 'Income:Government:Covid:SFC' AND 'claim-{period}' IN links")
        for line, amount in claimed.items():
            if line == "Rents":  # an excluded income line: reported, not computed
                continue
            if f'data-line="{period}/{line}"' in html:
                assert cells(html, "data-line", f"{period}/{line}")[9] == money(-amount)
            else:
                assert query, f"{period}/{line} missing without a filter"


@pytest.mark.parametrize("query, days", [("", (None, None)), (JUNE, JUNE_DAYS)])
def test_claims_pressures_match_beanquery(demo, query, days):
    html = demo.page("claims", query)
    asked = demo.total_by("account", "account ~ '^Expenses:Covid:' AND number > 0 "
                          "AND str(entry_meta('gov-requested')) = 'TRUE'", *days)
    every = demo.total_by("account", "account ~ '^Expenses:Covid:' AND number > 0", *days)
    assert every
    for account, amount in every.items():
        category = account.rsplit(":", 1)[1]
        yes = asked.get(account, Decimal(0))
        if yes:
            assert cells(html, "data-pressure", f"{category}/True")[2] == money(yes)
        if amount - yes:
            assert cells(html, "data-pressure", f"{category}/False")[2] == money(amount - yes)


def test_claim_status_matches_beanquery(demo):
    html = demo.page("claims")
    raised = demo.total("account ~ '^Assets:Receivable:Claims' AND number > 0 "
                        "AND 'claim-SFC-P1' IN links")
    received = -demo.total("account ~ '^Assets:Receivable:Claims' AND number < 0 "
                           "AND 'claim-SFC-P1' IN links")
    row = cells(html, "data-claim", "SFC-P1")
    assert row[2:5] == [money(raised), money(received), money(raised - received)]
    assert row[6] in ("received", "outstanding", "awaiting payment",
                      "received more than claimed")


def _declared_values(demo, kind: str, until: datetime.date | None = None
                     ) -> dict[tuple[str, str], Decimal]:
    """quantity × proxy per (contract, measure), read straight from the
    ``custom`` directives rather than through the ledger's config parser;
    a record in another unit than its measure's is left out, as the rule does."""
    entries = demo.ledger.all_entries
    measures = {e.values[0].value: e.meta for e in entries
                if getattr(e, "type", None) == "cwl-measure"}
    values: dict[tuple[str, str], Decimal] = {}
    for e in entries:
        if getattr(e, "type", None) != kind or (until and e.date > until):
            continue
        key = (e.values[0].value, e.meta["measure"])
        measure = measures.get(key[1])
        if measure is None or e.meta.get("unit", measure["unit"]) != measure["unit"]:
            continue  # rejected by the rule (planted faults)
        proxy = getattr(measure["proxy"], "number", measure["proxy"])
        values[key] = values.get(key, Decimal(0)) + Decimal(e.meta["quantity"]) * proxy
    return values


def test_social_value_matches_the_declarations(demo):
    html = demo.page("social-value")
    committed = _declared_values(demo, "cwl-commitment")
    delivered = _declared_values(demo, "cwl-delivery")
    shown = 0
    for key, value in committed.items():
        marker = f'data-row="{key[0]}/{key[1]}"'
        if marker not in html:  # a commitment the rule rejects (planted fault)
            continue
        shown += 1
        row = cells(html, "data-row", "/".join(key))
        assert row[6] == money(value)
        assert row[8] == money(delivered.get(key, Decimal(0)))
    assert shown >= len(committed) - 2


def test_social_value_time_filter_counts_only_deliveries_in_the_period(demo):
    whole = content(demo.page("social-value"))
    before = content(demo.page("social-value", "&time=2020-04"))
    assert "All themes" in before
    delivered_whole = whole.split("All themes")[1].split("</tr>")[0]
    delivered_before = before.split("All themes")[1].split("</tr>")[0]
    assert delivered_whole != delivered_before


def test_rule_errors_are_on_favas_errors_api_with_their_lines(demo, demo_dir):
    errors = demo.client.get(f"/{demo.slug}/api/errors").get_json()["data"]
    rule_errors = [e for e in errors if e["type"] == "RuleError"]
    assert len(rule_errors) == len(json.loads((demo_dir / "planted-faults.json").read_text()))
    for error in rule_errors:
        source = error["source"]
        assert source["filename"].endswith(".beancount") and source["lineno"] > 0
    assert demo.client.get(f"/{demo.slug}/errors/").status_code == 200
