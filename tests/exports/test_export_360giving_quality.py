"""cwl export 360giving as 360Giving's data-quality checks want it: a
beneficiary location on every grant, grant reasons and purposes for grants
to individuals, classifications, real descriptions, a Last Modified date
the books decide, and ``--check``."""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime
import io
import json
import os
from pathlib import Path

import pytest
from test_export_360giving import validate

from ledger import postcodes
from reports.exports import data, giving360, locations, quality, schema
from reports.exports.command import register
from rules.session import Session

LANCASTER = {"name": "Lancaster", "countryCode": "GB", "geoCode": "E07000121",
             "geoCodeType": "NMD"}
# Postcode districts of the demo's grant recipients, looked up by hand in the
# ONS geography (not from the shipped list).
DEMO_DISTRICTS = {"LA1": "E07000121", "LA2": "E07000121", "LA3": "E07000121",
                  "LA4": "E07000121", "LA5": "E07000121", "EC1A": "E09000001"}


def export(cwl_export, ledger: Path, out: Path, *extra: str) -> int:
    return cwl_export("360giving", ledger, "--out", out, *extra)


@pytest.fixture(scope="module")
def demo(plain_demo_dir, tmp_path_factory):
    """The demo's grants, exported with --check: (session, package, stdout, status)."""
    out = tmp_path_factory.mktemp("demo-360") / "grants.json"
    top = argparse.ArgumentParser(prog="cwl")
    register(top.add_subparsers(dest="command", required=True))
    args = top.parse_args(["export", "360giving", str(plain_demo_dir / "main.beancount"),
                           "--out", str(out), "--check"])
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(io.StringIO()):
        status = args.run(args)
    session = Session.load(str(plain_demo_dir / "main.beancount"))
    return session, json.loads(out.read_text("utf-8")), buffer.getvalue(), status


def _org_postcode(grant: dict) -> str:
    (org,) = grant["recipientOrganization"]
    return org["postalCode"]


# Beneficiary location --------------------------------------------------------

def test_every_demo_grant_has_its_district(demo):
    session, package, _, _ = demo
    grants = package["grants"]
    assert grants and all(len(g.get("beneficiaryLocation", [])) == 1 for g in grants)
    seen = set()
    for grant in grants:
        (place,) = grant["beneficiaryLocation"]
        if "recipientIndividual" in grant:
            assert place == LANCASTER  # the council's own district, never theirs
            continue
        district = postcodes.parse(_org_postcode(grant)).district
        assert place["geoCode"] == DEMO_DISTRICTS[district], grant["id"]
        assert place["countryCode"] == "GB"
        seen.add(district)
    assert {"LA1", "EC1A"} <= seen
    city = next(g for g in grants if g.get("beneficiaryLocation")[0]["geoCode"] == "E09000001")
    assert city["beneficiaryLocation"] == [{"name": "City of London", "countryCode": "GB",
                                           "geoCode": "E09000001", "geoCodeType": "LONB"}]


def test_the_code_list_covers_the_demo(plain_demo_dir):
    """Every postcode district in the demo's books is in the shipped list,
    but FY9 and WN9, which the generator draws and Royal Mail never issued."""
    session = Session.load(str(plain_demo_dir / "main.beancount"))
    districts = {p.district for o in session.config.organisations.values()
                 if o.postcode and (p := postcodes.parse(o.postcode))}
    table = data.districts_by_postcode_district()
    assert len(districts) > 40
    assert districts - set(table) <= {"FY9", "WN9"}
    for code, district in table.items():
        assert postcodes.parse(f"{code} 1AA") is not None, code
        assert district.code_type in {"UA", "NMD", "MD", "LONB"}, code
        assert district.code_type in data.codes(data.GEO_CODE_TYPES)
    assert table["LA1"] == data.District("E07000121", "Lancaster")
    assert table["PR1"] == data.District("E07000123", "Preston")
    assert table["SW1P"].name == "Westminster"


def test_the_council_district_is_declared_or_found(tmp_path):
    def council(area: str):
        ledger = tmp_path / "c.beancount"
        ledger.write_text(f'2020-01-01 custom "cwl-area" "Somewhere"\n{area}', "utf-8")
        return locations.council_district(Session.load(str(ledger)).config)

    assert council('  own: "LA1 LA2 LA3 2"\n') == data.District("E07000121", "Lancaster")
    assert council('  own: "FY"\n') is None  # Blackpool, Wyre and Fylde
    assert council('  own: "LA1 M1"\n') is None
    assert council('  own: "XX1"\n  gss-code: "E07000123"\n') == data.District(
        "E07000123", "Preston")
    assert council('  own: "XX1"\n  gss-code: "W06000015"\n  district: "Cardiff"\n') == (
        data.District("W06000015", "Cardiff"))
    assert council('  own: "XX1"\n  district: "Preston"\n').code == "E07000123"


# Small books for everything the demo does not show -----------------------------

HEAD = '''option "operating_currency" "GBP"

2020-01-01 custom "cwl-settings" "GB-LAE-TST"
  name: "Testshire District Council"

2020-01-01 open Assets:Bank:Current GBP
2020-01-01 open Expenses:Grants:DISC GBP
2020-01-01 open Liabilities:GrantsPayable:DISC GBP
2020-01-01 open Equity:Opening GBP

2020-01-01 * "Opening" "Opening"
  Assets:Bank:Current  1000000 GBP
  Equity:Opening
'''

CLEAN_SCHEME = '''
2020-04-01 custom "cwl-scheme" "DISC"
  title: "Discretionary Grant"
  opens: 2020-04-01
  closes: 2099-12-31
  amounts: "max 25000"
  purpose: "Help for local firms and groups hit by the pandemic."
  grant-reason: "GTIR070 GTIR100"
  grant-purpose: "GTIP010 GTIP140"
  classification: "Testshire grant types | DISC | Discretionary support"
'''

AREA = '''
2020-01-01 custom "cwl-area" "Testshire"
  own: "LA1 LA2"
'''

ORGS = '''
2020-01-01 custom "cwl-organisation" "GB-CHC-1234567"
  name: "Lune Food Bank"
  postcode: "LA1 1AA"
  charity-number: "1234567"

2020-01-01 custom "cwl-organisation" "GB-COH-00000042"
  name: "Far Away Ltd"
  postcode: "ZE1 0AA"
  company-number: "00000042"

2020-01-01 custom "cwl-organisation" "360G-tst-person-1"
  name: "Petra Quennell"
  postcode: "M1 1AA"
  individual: TRUE
'''


def award(day: str, payee: str, org_id: str, award_id: str, narration: str,
          amount: str = "5000.00", meta: str = "") -> str:
    return f'''
2020-{day} * "{payee}" "{narration}" ^award-{award_id}
  scheme: "DISC"
  org-id: "{org_id}"
{meta}  Expenses:Grants:DISC  {amount} GBP
  Liabilities:GrantsPayable:DISC

2020-{day} * "{payee}" "DISC payment" ^award-{award_id}
  Liabilities:GrantsPayable:DISC  {amount} GBP
  Assets:Bank:Current
'''


CLEAN = (HEAD + CLEAN_SCHEME + AREA + ORGS
         + award("05-01", "Lune Food Bank", "GB-CHC-1234567", "D1",
                 "Food parcels for shielding families")
         + award("05-02", "Far Away Ltd", "GB-COH-00000042", "D2", "DISC award")
         + award("05-03", "Petra Quennell", "360G-tst-person-1", "D3", "Grant to Petra Quennell")
         + '''
2020-07-01 * "Lune Food Bank" "Unspent grant returned" ^award-D1
  recovery: TRUE
  Assets:Bank:Current  500.00 GBP
  Expenses:Grants:DISC
''')


def write(tmp_path: Path, text: str, name: str = "books.beancount") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def by_id(package: dict) -> dict[str, dict]:
    return {g["id"]: g for g in package["grants"]}


@pytest.fixture
def clean(tmp_path, cwl_export, capsys):
    ledger = write(tmp_path, CLEAN)
    out = tmp_path / "grants.json"
    status = export(cwl_export, ledger, out, "--check")
    return status, json.loads(out.read_text("utf-8")), capsys.readouterr().out, ledger


def test_clean_books_pass_the_checks(clean):
    status, package, stdout, _ = clean
    validate(package)
    assert schema.problems(package) == []
    assert quality.codelist_problems(package) == []
    assert stdout.splitlines()[-1] == (
        "360Giving data-quality checks: passed, 3 grant(s), 0 notice(s)")
    assert status == 0


def test_an_organisation_outside_the_list_gets_the_councils_district(clean):
    _, package, stdout, _ = clean
    far = by_id(package)["360G-GB-LAE-TST-D2"]
    assert far["beneficiaryLocation"] == [LANCASTER]  # ZE1 is not in the list
    assert far["recipientOrganization"][0]["postalCode"] == "ZE1 0AA"
    assert ("beneficiary location: 1 grant(s) to organisations whose postcode is missing or "
            "not in the shipped code list are placed in the council's own district, "
            "Lancaster (E07000121)") in stdout


def test_a_person_is_placed_in_the_councils_district_not_their_own(clean):
    _, package, _, _ = clean
    (person,) = [g for g in package["grants"] if "recipientIndividual" in g]
    assert person["beneficiaryLocation"] == [LANCASTER]  # they live in M1: Manchester
    text = json.dumps(person)
    for secret in ("Petra", "Quennell", "M1 1AA", "M1", "Manchester", "360G-tst-person-1"):
        assert secret not in text, secret
    assert person["description"] == "Discretionary Grant: a grant to an individual"


def test_grants_to_individuals_carry_the_schemes_codes(clean):
    _, package, _, _ = clean
    (person,) = [g for g in package["grants"] if "recipientIndividual" in g]
    assert person["toIndividualsDetails"] == {
        "primaryGrantReason": "GTIR070", "secondaryGrantReason": "GTIR100",
        "grantPurpose": ["GTIP010", "GTIP140"]}
    assert all("toIndividualsDetails" not in g for g in package["grants"]
               if "recipientOrganization" in g)


def test_classifications_and_descriptions(clean):
    _, package, _, _ = clean
    grants = by_id(package)
    for grant in grants.values():
        assert grant["classifications"] == [{"vocabulary": "Testshire grant types",
                                              "code": "DISC", "title": "Discretionary support"}]
    assert grants["360G-GB-LAE-TST-D1"]["description"] == "Food parcels for shielding families"
    # "DISC award" says only the scheme: the scheme's title and purpose stand in.
    assert grants["360G-GB-LAE-TST-D2"]["description"] == (
        "Discretionary Grant: Help for local firms and groups hit by the pandemic.")


def test_date_modified_is_the_last_transaction_on_the_link(clean):
    _, package, _, _ = clean
    grants = by_id(package)
    assert grants["360G-GB-LAE-TST-D1"]["dateModified"] == "2020-07-01T00:00:00Z"  # recovery
    assert grants["360G-GB-LAE-TST-D2"]["dateModified"] == "2020-05-02T00:00:00Z"


def test_same_books_same_bytes(tmp_path, cwl_export):
    ledger = write(tmp_path, CLEAN)
    for suffix in (".json", ".csv"):
        first, second = tmp_path / f"one{suffix}", tmp_path / f"two{suffix}"
        assert export(cwl_export, ledger, first) == 0
        later = ledger.stat().st_mtime + 86400 * 400
        os.utime(ledger, (later, later))  # the file's own date plays no part
        assert export(cwl_export, ledger, second) == 0
        assert first.read_bytes() == second.read_bytes(), suffix


def test_demo_is_deterministic(plain_demo_dir, cwl_export, tmp_path):
    main = plain_demo_dir / "main.beancount"
    assert export(cwl_export, main, tmp_path / "a.json") == 0
    assert export(cwl_export, main, tmp_path / "b.json") == 0
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_csv_carries_the_new_fields(tmp_path, cwl_export):
    ledger = write(tmp_path, CLEAN)
    out = tmp_path / "grants.csv"
    assert export(cwl_export, ledger, out) == 0
    with open(out, encoding="utf-8", newline="") as handle:
        rows = {r["Identifier"]: r for r in csv.DictReader(handle)}
    row = rows["360G-GB-LAE-TST-D1"]
    assert (row["Beneficiary Location:Name"], row["Beneficiary Location:Geographic Code"],
            row["Beneficiary Location:Geographic Code Type"]) == ("Lancaster", "E07000121", "NMD")
    assert (row["Classifications:Vocabulary"], row["Classifications:Code"],
            row["Classifications:Title"]) == ("Testshire grant types", "DISC",
                                              "Discretionary support")
    assert row["Last Modified"] == "2020-07-01T00:00:00Z"
    (person,) = [r for r in rows.values() if r["Recipient Ind:Name"]]
    assert person["To Individuals Details:Primary Grant Reason"] == "GTIR070"
    assert person["To Individuals Details:Grant Purpose"] == "GTIP010;GTIP140"


# The demo under --check ---------------------------------------------------------

def test_demo_is_clean_under_check(demo):
    session, package, stdout, status = demo
    validate(package)
    assert schema.problems(package) == []
    assert status == 0, stdout
    assert "data-quality checks: passed" in stdout.splitlines()[-1]
    # The one notice: the planted twin, identified by a 360G- id; and the
    # grants to unincorporated mutual aid groups, which have no registered number.
    unregistered = {f"-{a.award_id}:" for a in session.grants.awards
                    if a.org_id in session.config.organisations
                    and session.config.organisations[a.org_id].unincorporated}
    notices = [line for line in stdout.splitlines() if line.startswith("  notice:")
               and not any(award in line for award in unregistered)]
    assert notices == [line for line in notices if "[RecipientOrg360GPrefix]" in line]


def test_demo_individuals_have_reasons_and_purposes(demo):
    session, package, _, _ = demo
    people = [g for g in package["grants"] if "recipientIndividual" in g]
    assert len(people) > 5
    reasons = data.codes(data.GRANT_REASONS)
    purposes = data.codes(data.GRANT_PURPOSES)
    for grant in people:
        details = grant["toIndividualsDetails"]
        scheme = session.config.schemes[grant["grantProgramme"][0]["code"]]
        assert details["primaryGrantReason"] == scheme.grant_reason[0] and (
            details["primaryGrantReason"] in reasons)
        assert details["grantPurpose"] == list(scheme.grant_purpose)
        assert set(details["grantPurpose"]) <= purposes
        assert grant["description"].endswith(": a grant to an individual")


def test_demo_classifications_and_descriptions(demo):
    session, package, _, _ = demo
    for grant in package["grants"]:
        scheme = session.config.schemes[grant["grantProgramme"][0]["code"]]
        vocabulary, code, title = scheme.classification
        assert grant["classifications"] == [{"vocabulary": vocabulary, "code": code,
                                             "title": title}]
        assert grant["description"] != grant["title"]
        if "recipientOrganization" in grant:
            # The demo's narrations only say "SBGF award".
            assert grant["description"] == f"{scheme.title}: {scheme.purpose}"
        assert datetime.date.fromisoformat(grant["dateModified"][:10]) >= (
            datetime.date.fromisoformat(grant["awardDate"]))


# --check finds what is wrong ------------------------------------------------------

PLANTED = (HEAD + '''
2020-04-01 custom "cwl-scheme" "DISC"
  title: "Discretionary Grant"
  opens: 2020-04-01
  closes: 2099-12-31
  amounts: "max 25000"

2020-01-01 custom "cwl-organisation" "GB-COH-123"
  name: "Short Number Ltd"
  company-number: "123"

2020-01-01 custom "cwl-organisation" "XX-NOWHERE-9"
  name: "Nowhere Trust"
  postcode: "ZE1 0AA"

2020-01-01 custom "cwl-organisation" "360G-tst-person-2"
  name: "Ivo Pemberton-Quaile"
  postcode: "ZE2 9XX"
  individual: TRUE
''' + award("05-01", "Short Number Ltd", "GB-COH-123", "P1", "DISC award")
    + award("05-02", "Nowhere Trust", "XX-NOWHERE-9", "P2",
            "Write to grants@nowhere.example for the report")
    + award("05-03", "Ivo Pemberton-Quaile", "360G-tst-person-2", "P3", "Grant to Ivo")
    + award("05-04", "Nowhere Trust", "XX-NOWHERE-9", "P4", "Far future help for the trust",
            meta='  postcode: "LA1 1AA"\n').replace("2020-05-04", "2099-05-04")
    + award("05-05", "Nowhere Trust", "XX-NOWHERE-9", "P5", "Grant later cancelled in full")
    + '''
2020-05-06 * "Nowhere Trust" "Award cancelled: keyed in error" ^award-P5
  Liabilities:GrantsPayable:DISC  5000.00 GBP
  Expenses:Grants:DISC
''')


def test_check_lists_each_planted_problem(tmp_path, cwl_export, capsys):
    ledger = write(tmp_path, PLANTED)
    out = tmp_path / "grants.json"
    assert export(cwl_export, ledger, out, "--check") == 1
    assert out.exists()  # --check writes the file, then says what fails
    stdout = capsys.readouterr().out
    lines = set(stdout.splitlines())
    ids = {g["id"]: g for g in json.loads(out.read_text("utf-8"))["grants"]}
    person = next(i for i, g in ids.items() if "recipientIndividual" in g)
    expected = {
        ("360G-GB-LAE-TST-P1", "OrganizationIdLooksInvalid"),
        ("360G-GB-LAE-TST-P1", "RecipientOrgCompanyNumber"),
        ("360G-GB-LAE-TST-P1", "IncompleteRecipientOrg"),  # no postcode
        ("360G-GB-LAE-TST-P1", "TitleDescriptionSame"),  # "DISC award", no purpose
        ("360G-GB-LAE-TST-P1", "NoBeneficiaryLocation"),  # no area, no postcode
        ("360G-GB-LAE-TST-P1", "ClassificationNotPresent"),
        ("360G-GB-LAE-TST-P2", "RecipientOrgUnrecognisedPrefix"),
        ("360G-GB-LAE-TST-P2", "LooksLikeEmail"),
        ("360G-GB-LAE-TST-P2", "NoBeneficiaryLocation"),  # ZE1 is not in the list
        (person, "RecipientIndWithoutToIndividualsDetails"),
        (person, "NoBeneficiaryLocation"),
        ("360G-GB-LAE-TST-P4", "PostDatedAwardDates"),
        ("360G-GB-LAE-TST-P5", "ZeroAmountTest"),
    }
    for grant_id, check in expected:
        assert any(line.startswith(f"  {grant_id}: ") and line.endswith(f"[{check}]")
                   for line in lines), (grant_id, check, stdout)
    # P4's own postcode (LA1) places it although the council has no area.
    assert ids["360G-GB-LAE-TST-P4"]["beneficiaryLocation"][0]["geoCode"] == "E07000121"
    assert not any("P4: no beneficiary location" in line for line in lines)
    assert "Pemberton" not in stdout and "ZE2" not in stdout
    last = stdout.splitlines()[-1]
    assert last.startswith("360Giving data-quality checks: ") and "problem(s) in 5 of 5" in last


def test_without_check_the_same_books_export_quietly(tmp_path, cwl_export, capsys):
    ledger = write(tmp_path, PLANTED)
    assert export(cwl_export, ledger, tmp_path / "grants.json") == 0
    assert "data-quality" not in capsys.readouterr().out


def test_a_code_off_the_codelist_stops_the_export(tmp_path, cwl_export, capsys):
    ledger = write(tmp_path, CLEAN.replace('"GTIR070 GTIR100"', '"GTIR070 GTIR990"'))
    out = tmp_path / "grants.json"
    assert export(cwl_export, ledger, out) == 1
    err = capsys.readouterr().err
    assert "toIndividualsDetails/secondaryGrantReason: GTIR990" in err
    assert "not written" in err and not out.exists()


def test_a_malformed_code_is_an_error_at_its_line(tmp_path):
    ledger = write(tmp_path, CLEAN.replace('"GTIP010 GTIP140"', '"GTIP10"'))
    errors = Session.load(str(ledger)).config_errors
    lines = ledger.read_text("utf-8").splitlines()
    scheme_line = next(n for n, line in enumerate(lines, 1) if '"cwl-scheme" "DISC"' in line)
    assert [(e.source["lineno"], "grant-purpose" in e.message) for e in errors] == [
        (scheme_line, True)]


# Each check on its own, on a grant built by hand --------------------------------

GOOD = {
    "id": "360G-x-1", "title": "Grant", "description": "Help for a local group",
    "currency": "GBP", "amountAwarded": 100, "awardDate": "2020-05-01",
    "recipientOrganization": [{"id": "GB-CHC-1234567", "name": "A", "postalCode": "LA1 1AA",
                               "charityNumber": "1234567"}],
    "beneficiaryLocation": [dict(LANCASTER)],
    "fundingOrganization": [{"id": "GB-LAE-TST", "name": "Testshire"}],
    "grantProgramme": [{"code": "G", "title": "Grant"}],
    "classifications": [{"vocabulary": "v", "code": "c"}],
    "dateModified": "2020-05-01T00:00:00Z",
}
PERSON = {k: v for k, v in GOOD.items() if k != "recipientOrganization"} | {
    "recipientIndividual": {"id": "360G-x-IND-1", "name": "Individual Recipient"},
    "toIndividualsDetails": {"primaryGrantReason": "GTIR010", "grantPurpose": ["GTIP010"]}}
TODAY = datetime.date(2024, 6, 1)


def failed(*grants: dict) -> set[str]:
    return {p.name for p in quality.problems({"grants": list(grants)}, TODAY)}


@pytest.mark.parametrize("base, change, check", [
    (GOOD, {"amountAwarded": 0}, "ZeroAmountTest"),
    (GOOD, {"id": "360G-x-\n1"}, "GrantIdUnexpectedChars"),
    (GOOD, {"title": "T" * 141}, "TitleLength"),
    (GOOD, {"description": "Grant"}, "TitleDescriptionSame"),
    (GOOD, {"description": "Food"}, "DescriptionShort"),
    (GOOD, {"awardDate": "1990-01-01"}, "FarPastDates"),
    (GOOD, {"awardDate": "2024-06-02"}, "PostDatedAwardDates"),
    (GOOD, {"awardDate": "2021-02-29"}, "ImpossibleDates"),
    (GOOD, {"dateModified": ""}, "NoLastModified"),
    (GOOD, {"grantProgramme": []}, "NoGrantProgramme"),
    (GOOD, {"classifications": []}, "ClassificationNotPresent"),
    (GOOD, {"beneficiaryLocation": []}, "NoBeneficiaryLocation"),
    (GOOD, {"beneficiaryLocation": [{"name": "Lancaster"}]}, "BeneficiaryLocationNameButNoCode"),
    (GOOD, {"beneficiaryLocation": [LANCASTER | {"geoCodeType": "LAD"}]}, "CodelistValue"),
    (GOOD, {"recipientOrganization": [{"id": "GB-CHC-12", "name": "A",
                                       "postalCode": "LA1 1AA"}]}, "OrganizationIdLooksInvalid"),
    (GOOD, {"recipientOrganization": [{"id": "GB-CHC-1234567", "name": "A",
                                       "charityNumber": "12"}]}, "RecipientOrgCharityNumber"),
    (GOOD, {"recipientOrganization": [{"id": "GB-CHC-1234567", "name": "A",
                                       "charityNumber": "1234567"}]}, "IncompleteRecipientOrg"),
    (GOOD, {"recipientOrganization": [{"id": "GB-CHC-1234567", "name": "A",
                                       "charityNumber": "1234567"}]},
     "BeneficiaryButNotRecipientGeoData"),
    (GOOD, {"fundingOrganization": [{"id": "Testshire-1", "name": "Testshire"}]},
     "FundingOrgUnrecognisedPrefix"),
    (GOOD, {"description": "Ring me at someone@example.org please"}, "LooksLikeEmail"),
    (PERSON, {"toIndividualsDetails": {"grantPurpose": ["GTIP010"]}},
     "RecipientIndWithoutToIndividualsDetails"),
    (PERSON, {"toIndividualsDetails": {"primaryGrantReason": "GTIR999",
                                       "grantPurpose": ["GTIP010"]}}, "CodelistValue"),
    (PERSON, {"beneficiaryLocation": [{"name": "x", "geoCode": "LA1 1AA"}]}, "GeoCodePostcode"),
    (PERSON, {"project": [{"id": "p"}]}, "RecipientIndDEI"),
])
def test_each_check_fires_on_its_fault_alone(base, change, check):
    assert failed(base) == set()
    assert check in failed(base | change)


def test_package_wide_checks():
    other = GOOD | {"id": "360G-x-2",
                    "fundingOrganization": [{"id": "GB-LAE-OTH", "name": "Testshire"}]}
    assert failed(GOOD, GOOD) == {"DuplicateGrantId"}
    assert failed(GOOD, other) == {"MoreThanOneFundingOrg", "MultiFundingOrgIdsForName"}
    renamed = GOOD | {"id": "360G-x-3",
                      "fundingOrganization": [{"id": "GB-LAE-TST", "name": "Testshire DC"}]}
    assert failed(GOOD, renamed) == {"MultiFundingNamesForOrgId"}


def test_notices_do_not_fail():
    unregistered = GOOD | {"recipientOrganization": [{"id": "360G-x-ORG-1", "name": "Group",
                                                      "postalCode": "LA1 1AA"}]}
    found = quality.problems({"grants": [unregistered]}, TODAY)
    assert {(p.name, p.notice) for p in found} == {
        ("RecipientOrg360GPrefix", True), ("NoRecipientOrgCompanyCharityNumber", True)}


def test_published_award_knows_its_last_change(tmp_path):
    session = Session.load(str(write(tmp_path, CLEAN)))
    awards = {a.award_id: a for a in giving360.published_awards(session.grants)}
    assert awards["D1"].modified == datetime.date(2020, 7, 1)
    assert awards["D3"].modified == datetime.date(2020, 5, 3)
