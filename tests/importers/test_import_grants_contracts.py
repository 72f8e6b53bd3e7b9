"""360Giving grants (CSV and JSON) and OCDS contracts."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from beancount.core import data
from importer_data import CONTRACTS, TRAFFORD_CSV, TRAFFORD_JSON, without_source

from importers.ocds_contracts import OCDSImporter
from importers.threesixty_giving import GrantsCSVImporter, GrantsJSONImporter
from ledger.config import parse_config


def test_trafford_csv_and_json_give_the_same_entries() -> None:
    from_csv = GrantsCSVImporter().parse(str(TRAFFORD_CSV))
    from_json = GrantsJSONImporter().parse(str(TRAFFORD_JSON))
    assert from_csv.read == from_json.read == 555
    assert from_csv.rejects == from_json.rejects == []
    assert without_source(from_csv.entries) == without_source(from_json.entries)


def test_trafford_awards_follow_the_conventions() -> None:
    entries = GrantsJSONImporter().parse(str(TRAFFORD_JSON)).entries
    awards = [e for e in entries if isinstance(e, data.Transaction)]
    orgs = [e for e in entries if isinstance(e, data.Custom)]
    assert len(awards) == 555
    first = awards[0]
    assert first.meta["source-id"] == "360G-traffordmbc-VSG1342"
    assert first.links == {"award-360G-traffordmbc-VSG1342"}
    assert first.meta["scheme"] == "VSG"
    assert [(p.account, p.units.number) for p in first.postings] == [
        ("Expenses:Grants:VSG", Decimal("2266.00")),
        ("Liabilities:GrantsPayable:VSG", Decimal("-2266.00"))]
    assert len(orgs) == len({o.values[0][0] for o in orgs}) == 323
    config, errors = parse_config(entries)
    assert errors == [] and len(config.organisations) == 323


HEADER = ("Identifier,Title,Currency,Amount Awarded,Amount Disbursed,Award Date,"
          "Recipient Org:Identifier,Recipient Org:Name,Recipient Org:Postal Code,"
          "Recipient Org:Charity Number,Funding Org:Identifier,Funding Org:Name,"
          "Grant Programme:Code\n")


def test_disbursed_grants_get_a_payment_and_bad_rows_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "grants.csv"
    path.write_text(HEADER
                    + "360G-x-1,Hall roof,GBP,5000,5000,2020-06-01,GB-CHC-1,Hall Trust,pr12he,"
                      "1,GB-LAE-X,X Council,COVID fund\n"
                    + "360G-x-1,Again,GBP,1,,2020-06-01,GB-CHC-1,Hall Trust,,,GB-LAE-X,X,\n"
                    + ",No id,GBP,1,,2020-06-01,GB-CHC-2,Two,,,GB-LAE-X,X,\n"
                    + "360G-x-3,Euros,EUR,1,,2020-06-01,GB-CHC-3,Three,,,GB-LAE-X,X,\n")
    result = GrantsCSVImporter().parse(str(path))
    assert {r.line: r.reason for r in result.rejects} == {
        3: "Identifier 360G-x-1 repeats line 2",
        4: "missing grant Identifier",
        5: "currency EUR is not GBP"}
    org, award, payment = result.rows[0].entries
    assert org.meta["postcode"] == "PR1 2HE"
    assert award.meta["scheme"] == "COVID-fund"
    assert payment.links == award.links
    assert [p.account for p in payment.postings] == [
        "Liabilities:GrantsPayable:COVID-fund", "Assets:Bank:Current"]


def test_contracts_finder_award_becomes_a_declared_contract() -> None:
    entries = OCDSImporter().parse(str(CONTRACTS)).entries
    config, errors = parse_config(entries)
    assert errors == []
    [contract] = config.contracts.values()
    assert contract.supplier == "GB-COH-01616977"
    assert contract.value == Decimal("44341.25")
    assert str(contract.start) == "2022-11-17" and str(contract.end) == "2024-03-31"
    assert "(active)" in contract.title
    supplier = config.organisations["GB-COH-01616977"]
    assert supplier.postcode == "KT22 7TW"  # from "Randalls WayLEATHERHEADSURREYKT22 7TWGB"
    assert supplier.company_number == "01616977"


def _person_grant(payments: list) -> dict:
    return {"id": "360G-x-9", "currency": "GBP", "amountAwarded": 500,
            "awardDate": "2020-06-01", "grantProgramme": [{"code": "HF"}],
            "recipientIndividual": {"id": "360G-x-IND-0001", "name": "A Person"},
            "disbursementTransaction": payments}


def test_grants_to_people_are_anonymous_with_dated_payments(tmp_path: Path) -> None:
    path = tmp_path / "grants.json"
    path.write_text(json.dumps({"grants": [
        _person_grant([{"transactionDate": "2020-06-03", "value": 500},
                       {"transactionDate": "2020-07-01T00:00:00Z", "value": -100}]),
        {**_person_grant([{"value": 500}]), "id": "360G-x-10"}]}))
    result = GrantsJSONImporter().parse(str(path))
    assert [r.reason for r in result.rejects] == [
        "disbursementTransaction 1: missing Transaction Date"]
    award, payment, recovery = result.rows[0].entries  # no organisation declared
    assert {e.payee for e in (award, payment, recovery)} == {"Individual Recipient"}
    assert all(e.meta["redacted"] is True and e.meta["org-id"] == "360G-x-IND-0001"
               for e in (award, payment, recovery))
    assert (str(payment.date), payment.postings[0].units.number) == ("2020-06-03", 500)
    assert recovery.meta["recovery"] is True and str(recovery.date) == "2020-07-01"
    assert [(p.account, p.units.number) for p in recovery.postings] == [
        ("Assets:Bank:Current", 100), ("Expenses:Grants:HF", -100)]
