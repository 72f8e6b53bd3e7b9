"""ledger.redaction: who is a person, however the books say so."""

from __future__ import annotations

import textwrap

import pytest
from beancount import loader
from beancount.core import data

from ledger.config import parse_config
from ledger.redaction import PUBLIC_LABEL, Redactor, redact

BOOKS = """
2020-01-01 custom "cwl-organisation" "360G-test-st-1"
  name: "Jane Quill t/a Quill Repairs"
  bank-fingerprint: "aaaa1111bbbb2222"
  individual: TRUE

2020-01-01 custom "cwl-organisation" "GB-COH-00000002"
  name: "Quill Holdings Ltd"

2020-01-01 open Assets:Bank:Current GBP
2020-01-01 open Expenses:Services:ICT GBP

2020-04-01 * "Jane Quill t/a Quill Repairs" "by org-id"
  org-id: "360G-test-st-1"
  Expenses:Services:ICT  900.00 GBP
  Assets:Bank:Current

2020-04-02 * "jane  quill T/A Quill Repairs" "by name only, spaced and cased differently"
  Expenses:Services:ICT  900.00 GBP
  Assets:Bank:Current

2020-04-03 * "Quill Repairs" "by bank fingerprint only"
  bank-fingerprint: "aaaa1111bbbb2222"
  Expenses:Services:ICT  900.00 GBP
  Assets:Bank:Current

2020-04-04 * "REDACTED UNDER DP ACT" "by name"
  Expenses:Services:ICT  900.00 GBP
  Assets:Bank:Current

2020-04-05 * "Personal data" "by name"
  Expenses:Services:ICT  900.00 GBP
  Assets:Bank:Current

2020-04-06 * "Redacted payee spend-x-123" "by name"
  Expenses:Services:ICT  900.00 GBP
  Assets:Bank:Current

2020-04-07 * "Someone" "by the importer's marker"
  redacted: TRUE
  Expenses:Services:ICT  900.00 GBP
  Assets:Bank:Current

2020-04-08 * "Quill Holdings Ltd" "a company"
  org-id: "GB-COH-00000002"
  Expenses:Services:ICT  900.00 GBP
  Assets:Bank:Current

2020-04-09 * "" "no payee, a declared company"
  org-id: "GB-COH-00000002"
  Expenses:Services:ICT  900.00 GBP
  Assets:Bank:Current
"""


@pytest.fixture(scope="module")
def loaded():
    entries, errors, _ = loader.load_string(textwrap.dedent(BOOKS))
    assert not errors
    config, config_errors = parse_config(entries)
    assert not config_errors
    txns = {t.narration: t for t in entries if isinstance(t, data.Transaction)}
    return txns, config


@pytest.mark.parametrize("narration, reason", [
    ("by org-id", "individual"),
    ("by name only, spaced and cased differently", "individual"),
    ("by bank fingerprint only", "individual"),
    ("by name", "payee name redacted"),
    ("by the importer's marker", "redacted at source"),
])
def test_people_are_redacted(loaded, narration, reason):
    txns, config = loaded
    decision = redact(txns[narration], config)
    assert decision.personal and decision.reason == reason
    assert decision.public_name == PUBLIC_LABEL


def test_every_redacted_name_form(loaded):
    """Payee names councils write for a withheld person."""
    txns, config = loaded
    redactor = Redactor(config)
    for payee in ("REDACTED UNDER DP ACT", "REDACTED", "Personal data",
                  "Redacted payee spend-x-123", "Individual Recipient"):
        txn = txns["by name"]._replace(payee=payee)
        assert redactor.decide(txn).personal, payee


def test_organisations_are_named(loaded):
    txns, config = loaded
    redactor = Redactor(config)
    company = redactor.decide(txns["a company"])
    assert not company.personal and company.public_name == "Quill Holdings Ltd"
    assert redactor.decide(txns["no payee, a declared company"]).public_name == (
        "Quill Holdings Ltd")
    assert redactor.is_individual("360G-test-st-1")
    assert not redactor.is_individual("GB-COH-00000002")


def test_scrub_takes_out_people_whatever_their_case(loaded):
    _, config = loaded
    redactor = Redactor(config)
    text = ("Paid JANE QUILL T/A QUILL REPAIRS, jane quill and 360g-TEST-st-1 "
            "at account AAAA1111BBBB2222; Quill Holdings Ltd is a company")
    assert redactor.scrub(text) == (
        "Paid an individual, an individual and an individual at account an individual; "
        "Quill Holdings Ltd is a company")


def test_a_persons_payee_and_narration_leave_a_finding(loaded):
    txns, config = loaded
    redactor = Redactor(config)
    person = txns["by the importer's marker"]._replace(
        payee="Harriet Hiddenperson", narration="Care for Mr Victor Secretname")
    message = ('Cost "Harriet Hiddenperson: Care for Mr Victor Secretname" (£900.00) '
               "is claimed; harriet hiddenperson was paid")
    assert redactor.redact_message(message, person) == (
        f'Cost "{PUBLIC_LABEL}" (£900.00) is claimed; {PUBLIC_LABEL} was paid')
    company = txns["a company"]
    assert redactor.redact_message('Cost "Quill Holdings Ltd: a company"', company) == (
        'Cost "Quill Holdings Ltd: a company"')


def test_an_award_is_personal_when_any_txn_on_its_link_is(loaded):
    _, config = loaded
    entries, errors, _ = loader.load_string(textwrap.dedent("""
        2020-01-01 open Assets:Bank:Current GBP
        2020-01-01 open Expenses:Grants:SBGF GBP
        2020-01-01 open Liabilities:GrantsPayable:SBGF GBP
        2020-04-01 * "Q. Repairs" "award" ^award-A1
          Expenses:Grants:SBGF  10000.00 GBP
          Liabilities:GrantsPayable:SBGF
        2020-04-02 * "Q. Repairs" "paid to the person's account" ^award-A1
          bank-fingerprint: "aaaa1111bbbb2222"
          Liabilities:GrantsPayable:SBGF  10000.00 GBP
          Assets:Bank:Current
        2020-04-03 * "Quill Holdings Ltd" "award" ^award-A2
          org-id: "GB-COH-00000002"
          Expenses:Grants:SBGF  10000.00 GBP
          Liabilities:GrantsPayable:SBGF
        """))
    assert not errors
    assert Redactor(config).personal_awards(entries) == {"A1"}
