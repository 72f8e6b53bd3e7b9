"""cwl export 360giving: valid against the standard, people never named."""

from __future__ import annotations

import csv
import json
import warnings
from decimal import Decimal
from importlib import resources
from pathlib import Path

import flattentool
import jsonschema
import pytest
from export_books import GRANTEE, PERSONAL
from referencing import Registry
from referencing.jsonschema import DRAFT202012
from shared_data import SHARED_DATA

from reports.exports import giving360, schema
from reports.exports.giving360_csv import NUMBER_COLUMNS
from rules.session import Session

SHARED_SCHEMAS = SHARED_DATA / "360giving"


def validate(package: dict) -> None:
    """Plain jsonschema on the shipped files, independent of our own checker."""
    grant = schema.load(schema.GRANT_SCHEMA)
    pack = schema.load(schema.PACKAGE_SCHEMA)
    resource = DRAFT202012.create_resource(grant)
    registry = Registry().with_resources(
        [(grant["$id"], resource), (pack["properties"]["grants"]["items"]["$ref"], resource)])
    checker = jsonschema.FormatChecker()
    checker.checks("date-time")(lambda v: not isinstance(v, str) or "T" in v)
    jsonschema.Draft202012Validator(pack, registry=registry,
                                    format_checker=checker).validate(package)


def export(cwl_export, ledger: Path, out: Path, *extra: str) -> int:
    return cwl_export("360giving", ledger, "--out", out, *extra)


@pytest.fixture
def grants_json(books, cwl_export, tmp_path, capsys):
    out = tmp_path / "grants.json"
    assert export(cwl_export, books, out) == 0
    return out, capsys.readouterr().out


def by_id(package: dict) -> dict[str, dict]:
    return {g["id"]: g for g in package["grants"]}


def test_shipped_schemas_are_the_standard():
    for name in (schema.GRANT_SCHEMA, schema.PACKAGE_SCHEMA):
        shipped = resources.files(schema).joinpath(name).read_text("utf-8")
        if SHARED_SCHEMAS.exists():
            assert shipped == (SHARED_SCHEMAS / name).read_text("utf-8")


def test_json_is_valid_360giving(grants_json):
    out, stdout = grants_json
    package = json.loads(out.read_text("utf-8"))
    validate(package)
    assert schema.problems(package) == []
    # Testshire declares no cwl-area and its postcodes are not in the code
    # list, so the summary says its grants have no beneficiary location.
    assert stdout == (
        f"wrote 2 grants to {out} (1 to individuals, redacted as personal data)\n"
        "beneficiary location: 2 grant(s) have none: no postcode maps and the council's "
        "own district is not known (declare gss-code on cwl-area)\n")


def test_organisation_grant(grants_json):
    package = json.loads(grants_json[0].read_text("utf-8"), parse_float=Decimal)
    grant = by_id(package)["360G-GB-LAE-TST-VCSE-0002"]
    assert grant["title"] == "Community Response Fund"
    assert grant["description"] == "Emergency food parcels"
    assert grant["currency"] == "GBP"
    assert grant["amountAwarded"] == 8000
    assert grant["amountDisbursed"] == 7000  # paid 5,000 + 3,000, 1,000 returned
    assert grant["awardDate"] == "2020-05-02"
    assert grant["recipientOrganization"] == [{
        "id": "GB-CHC-1234567", "name": "Testshire Food Bank", "postalCode": "TS3 3CC",
        "charityNumber": "1234567"}]
    assert grant["fundingOrganization"] == [
        {"id": "GB-LAE-TST", "name": "Testshire District Council"}]
    assert grant["grantProgramme"] == [{"code": "VCSE", "title": "Community Response Fund"}]
    assert [(t["transactionDate"], t["value"]) for t in grant["disbursementTransaction"]] == [
        ("2020-05-04", 5000), ("2020-06-04", 3000), ("2020-07-01", -1000)]


def test_individual_grant(grants_json):
    package = json.loads(grants_json[0].read_text("utf-8"))
    grant = by_id(package)["360G-GB-LAE-TST-IND-GRANT-0001"]
    assert "VCSE-0001" not in json.dumps(package)  # the award id is never published
    assert "recipientOrganization" not in grant
    assert grant["recipientIndividual"] == {"id": "360G-GB-LAE-TST-IND-0001",
                                            "name": "Individual Recipient"}
    assert GRANTEE not in grant["description"]  # the narration named him
    assert grant["amountDisbursed"] == 3000


def test_prefix_option(books, cwl_export, tmp_path):
    out = tmp_path / "grants.json"
    assert export(cwl_export, books, out, "--prefix", "360G-testshire-") == 0
    ids = sorted(by_id(json.loads(out.read_text("utf-8"))))
    assert ids == ["360G-testshire-IND-GRANT-0001", "360G-testshire-VCSE-0002"]


def test_period_and_refusals(books, cwl_export, tmp_path, capsys):
    out = tmp_path / "grants.json"
    assert export(cwl_export, books, out, "--from", "2020-05-02") == 0
    assert list(by_id(json.loads(out.read_text("utf-8")))) == ["360G-GB-LAE-TST-VCSE-0002"]
    assert export(cwl_export, books, tmp_path / "none.json", "--to", "2020-04-30") == 1
    assert "no grants" in capsys.readouterr().err
    assert not (tmp_path / "none.json").exists()
    assert export(cwl_export, books, tmp_path / "grants.xlsx") == 2
    assert "must end .json or .csv" in capsys.readouterr().err


def test_csv_has_standard_titles_and_round_trips(books, cwl_export, tmp_path, grants_json):
    out = tmp_path / "grants.csv"
    assert export(cwl_export, books, out) == 0
    with open(out, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {"Identifier", "Title", "Description", "Currency", "Amount Awarded", "Award Date",
            "Recipient Org:Identifier", "Recipient Org:Name", "Recipient Ind:Identifier",
            "Recipient Ind:Name", "Funding Org:Identifier", "Funding Org:Name",
            "Amount Disbursed", "Recipient Org:Postal Code", "Recipient Org:Charity Number",
            "Grant Programme:Code", "Grant Programme:Title"} <= set(rows[0])
    # flattentool turns it back into the JSON form, less the payment detail.
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    (sheets / "grants.csv").write_bytes(out.read_bytes())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with resources.as_file(resources.files(schema).joinpath(schema.GRANT_SCHEMA)) as path:
            flattentool.unflatten(str(sheets), output_name=str(tmp_path / "back.json"),
                                  input_format="csv", root_list_path="grants", id_name="id",
                                  schema=str(path), convert_titles=True)
    back = json.loads((tmp_path / "back.json").read_text("utf-8"))
    original = json.loads(grants_json[0].read_text("utf-8"))
    for grant in original["grants"]:
        grant.pop("disbursementTransaction")
    assert by_id(back) == by_id(original)


def test_people_never_named(books, cwl_export, tmp_path):
    for name in ("grants.json", "grants.csv"):
        assert export(cwl_export, books, tmp_path / name) == 0
        published = (tmp_path / name).read_bytes()
        for secret in PERSONAL:
            assert secret.encode() not in published, (name, secret)


def test_demo_grants(plain_demo_dir, cwl_export, tmp_path, capsys):
    main = plain_demo_dir / "main.beancount"
    ledger = Session.load(str(main))
    people = [o for o in ledger.config.organisations.values() if o.individual]
    awards = giving360.published_awards(ledger.grants)
    out = tmp_path / "demo.json"
    assert export(cwl_export, main, out) == 0
    package = json.loads(out.read_text("utf-8"), parse_float=Decimal)
    validate(json.loads(out.read_text("utf-8")))
    assert len(package["grants"]) == len(awards) > 300
    individual = [g for g in package["grants"] if "recipientIndividual" in g]
    assert len(individual) == sum(
        1 for a in awards if a.award.org_id in {p.id for p in people}
        or a.award.award_id in ledger.personal_awards) > 0
    assert f"({len(individual)} to individuals" in capsys.readouterr().out
    grant = by_id(package)["360G-GB-LAE-LUN-SBGF-0004"]  # paid twice, one recovered
    assert (grant["amountAwarded"], grant["amountDisbursed"]) == (10000, 10000)
    assert len(grant["disbursementTransaction"]) == 3
    assert "360G-GB-LAE-LUN-SBGF-9999" not in by_id(package)  # a payment with no award
    csv_out = tmp_path / "demo.csv"
    assert export(cwl_export, main, csv_out) == 0
    for path in (out, csv_out):
        published = path.read_bytes()
        for person in people:
            assert person.name.encode() not in published, person.name
            assert person.id.encode() not in published, person.id
    with open(csv_out, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for column, cell in row.items():
                if column not in NUMBER_COLUMNS:
                    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


PROBE = '''option "title" "Probe Council"
plugin "rules.all"
2020-01-01 custom "cwl-settings" "GB-LAE-PRB"
  name: "Probe Council"
2020-04-01 custom "cwl-scheme" "DISC"
  title: "Discretionary Grant"
  opens: 2020-04-01
  closes: 2021-03-31
  amounts: "max 25000"
2020-01-01 custom "cwl-organisation" "GB-COH-12345678"
  name: "Probe Ltd"
2020-01-01 open Assets:Bank:Current GBP
2020-01-01 open Expenses:Grants:DISC GBP
2020-01-01 open Liabilities:GrantsPayable:DISC GBP
2020-01-01 open Equity:Opening GBP
2020-01-01 * "Opening" "Opening"
  Assets:Bank:Current  100000 GBP
  Equity:Opening

2020-05-01 * "Probe Ltd" "Discretionary award" ^award-D1
  scheme: "DISC"
  org-id: "GB-COH-12345678"
  Expenses:Grants:DISC              20000.00 GBP
  Liabilities:GrantsPayable:DISC

2020-05-10 * "Probe Ltd" "Award lowered: keyed twice the sum" ^award-D1
  Liabilities:GrantsPayable:DISC    10000.00 GBP
  Expenses:Grants:DISC

2020-05-20 * "Probe Ltd" "Discretionary payment" ^award-D1
  Liabilities:GrantsPayable:DISC    10000.00 GBP
  Assets:Bank:Current
'''


def test_a_correction_is_never_published_as_money_moving(cwl_export, tmp_path):
    """An award of £20,000 lowered by a correction to £10,000 and paid
    £10,000 passes the rules, and is published as the rules see it."""
    books = tmp_path / "probe.beancount"
    books.write_text(PROBE, encoding="utf-8")
    assert Session.load(books).errors == []
    out = tmp_path / "grants.json"
    assert export(cwl_export, books, out) == 0
    (grant,) = json.loads(out.read_text("utf-8"), parse_float=Decimal)["grants"]
    assert (grant["amountAwarded"], grant["amountDisbursed"]) == (10000, 10000)
    values = [t["value"] for t in grant["disbursementTransaction"]]
    assert values == [10000]
    assert sum(values) == 10000 and all(v > 0 for v in values)
