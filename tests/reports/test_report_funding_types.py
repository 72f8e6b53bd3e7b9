"""The grant panel pack's "Funding by type" section: awards by funding
type with days from application to payment, funding agreements as varied
with what was due and paid, and relief requests; in the model, from books
written here, and in the demo's PDF text."""

from __future__ import annotations

import datetime
import textwrap
from decimal import Decimal

from beancount import loader
from report_helpers import squeeze

from reports.models.books import ReportBooks
from reports.models.funding_types import NOT_STATED, funding_by_type
from rules.session import Session

BOOKS = textwrap.dedent("""
    plugin "rules.all"

    2020-04-01 custom "cwl-scheme" "CGF"
      title: "Community Group Fund"
      opens: 2020-04-01
      closes: 2021-03-31
      amounts: "max 5000"
      one-per-property: FALSE
      pay-within: 5

    2020-01-01 custom "cwl-organisation" "GB-CHC-1000001"
      name: "Lunesdale CVS"
      vcse: TRUE

    2020-01-01 custom "cwl-organisation" "360G-TST-ST1"
      name: "Jo Bloggs t/a Bay Cafe"
      individual: TRUE

    2020-04-01 custom "cwl-agreement" "AGR-1"
      recipient: "GB-CHC-1000001"
      value: 8000.00 GBP
      start: 2020-04-01
      end: 2020-12-31
      instalments: "2020-04-10: 4000, 2020-10-01: 4000"

    2020-07-01 custom "cwl-variation" "AGR-1"
      reason: "Activity moved online"
      new-end: 2021-02-28
      delivery-changed: TRUE

    2020-04-01 custom "cwl-agreement" "AGR-2"
      recipient: "360G-TST-ST1"
      value: 1000.00 GBP
      start: 2020-04-01
      end: 2020-12-31
      instalments: "2020-05-01: 1000"

    2020-06-01 custom "cwl-relief-request" "RR-1"
      org: "GB-CHC-1000001"
      received: 2020-06-01
      decided: 2020-06-11
      outcome: "approved"

    2020-11-02 custom "cwl-relief-request" "RR-2"
      org: "GB-CHC-1000001"
      received: 2020-11-02

    2020-01-01 open Assets:Bank:Current GBP
    2020-01-01 open Expenses:Grants:CGF GBP
    2020-01-01 open Liabilities:GrantsPayable:CGF GBP

    2020-05-04 * "Lunesdale CVS" "Grant" ^award-CGF-1
      scheme: "CGF"
      org-id: "GB-CHC-1000001"
      funding-type: "one-off-grant"
      applied: 2020-05-01
      Expenses:Grants:CGF             2000.00 GBP
      Liabilities:GrantsPayable:CGF
    2020-05-03 * "Lunesdale CVS" "Paid in 2 days" ^award-CGF-1
      Liabilities:GrantsPayable:CGF   2000.00 GBP
      Assets:Bank:Current

    2020-05-04 * "Lunesdale CVS" "Grant" ^award-CGF-2
      scheme: "CGF"
      org-id: "GB-CHC-1000001"
      funding-type: "one-off-grant"
      applied: 2020-05-01
      Expenses:Grants:CGF             1000.00 GBP
      Liabilities:GrantsPayable:CGF
    2020-05-13 * "Lunesdale CVS" "Paid in 12 days" ^award-CGF-2
      Liabilities:GrantsPayable:CGF   1000.00 GBP
      Assets:Bank:Current

    2020-06-01 * "Lunesdale CVS" "Grant, type not stated" ^award-CGF-3
      scheme: "CGF"
      org-id: "GB-CHC-1000001"
      Expenses:Grants:CGF              500.00 GBP
      Assets:Bank:Current

    2020-04-10 * "Lunesdale CVS" "AGR-1 first instalment" ^agreement-AGR-1
      Expenses:Grants:CGF             4000.00 GBP
      Assets:Bank:Current

    2020-05-01 * "Jo Bloggs t/a Bay Cafe" "AGR-2" ^agreement-AGR-2
      Expenses:Grants:CGF             1000.00 GBP
      Assets:Bank:Current

    2020-12-31 * "Year end"
      Expenses:Grants:CGF                1.00 GBP
      Assets:Bank:Current
    """)


def _section():
    entries, errors, options = loader.load_string(BOOKS)
    session = Session(entries, errors, options)
    books = ReportBooks.of(session, datetime.date(2021, 1, 1),
                           datetime.date(2020, 4, 1), datetime.date(2021, 3, 31))
    return funding_by_type(books)


def test_awards_by_funding_type_with_days_to_payment():
    types = {row["type"]: row for row in _section().types.rows}
    one_off = types["one-off-grant"]
    assert (one_off["awards"], one_off["awarded"], one_off["paid"]) == (
        2, Decimal("3000.00"), Decimal("3000.00"))
    assert one_off["days"] == Decimal(7)  # median of 2 and 12
    assert one_off["late"] == 1  # 12 days > pay-within 5
    assert types[NOT_STATED]["awards"] == 1
    assert types["contract"]["awards"] == 0


def test_agreements_as_varied_and_requests():
    section = _section()
    agreements = {row["agreement"]: row for row in section.agreements.rows}
    first = agreements["AGR-1"]
    assert first["end"] == datetime.date(2021, 2, 28)
    assert first["variations"] == 1
    # The October instalment's grace (14 days) passed before the books' last day.
    assert (first["due"], first["paid"], first["missed"]) == (
        Decimal("8000.00"), Decimal("4000.00"), 1)
    # A sole trader's agreement: counted, never named.
    assert agreements["AGR-2"]["recipient"] != "Jo Bloggs t/a Bay Cafe"
    assert "Bloggs" not in str(section.agreements.rows)
    requests = {row["request"]: row for row in section.requests.rows}
    assert requests["RR-1"]["outcome"] == "approved"
    assert requests["RR-2"]["outcome"] == "undecided"
    assert requests["RR-2"]["waiting"] == (datetime.date(2020, 12, 31)
                                           - datetime.date(2020, 11, 2)).days


def test_the_pack_shows_funding_by_type(rendered):
    text = rendered.texts["grants-panel"]
    flat = squeeze(text)
    assert "Funding by type" in text and "Funding agreements" in text
    assert "Relief requests" in text
    config = rendered.ledger.config
    assert config.agreements and config.relief_requests
    for agreement in config.agreements.values():
        assert agreement.id in text
        assert squeeze(config.organisations[agreement.recipient].name) in flat
    for request in config.relief_requests:
        assert request in text
    for code in ("vcse.instalment-missed", "vcse.paid-after-end", "vcse.request-undecided",
                 "grants.slow-payment", "grants.unincorporated-no-host"):
        assert code in text
