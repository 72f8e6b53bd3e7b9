"""OCDS through the community's tools: record packages made with ocdskit
import to the same entries as the release package they were made from,
OCDS 1.0 is upgraded with ocdskit, and ocdsmerge's rules come from the
shipped release schema, never from the network."""

from __future__ import annotations

import copy
import json
import socket
from pathlib import Path
from typing import Any

import pytest
from beancount.core import data
from formats import json_lines, release
from importer_data import CONTRACTS, without_source
from ocdskit.combine import merge
from ocdskit.upgrade import upgrade_10_11
from ocdsmerge.rules import _get_merge_rules_from_url_or_path

from cli.main import main
from importers import ocds_contracts, registry
from importers.expense_mapping import ExpenseMapping
from importers.ledger_output import render
from importers.ocds_contracts import RELEASE_SCHEMA, OCDSImporter


def _write(folder: Path, name: str, package: dict[str, Any]) -> str:
    path = folder / name
    path.write_text(json.dumps(package, indent=2), encoding="utf-8")
    return str(path)


def _entries(path: str) -> str:
    result = OCDSImporter().parse(path)
    assert result.rejects == []
    return render(without_source(result.entries))


def _record_package(package: dict[str, Any], linked: bool = False) -> dict[str, Any]:
    """ocdskit's ``merge``, as ``ocdskit compile --package`` makes one."""
    [records] = merge([copy.deepcopy(package)], schema=str(RELEASE_SCHEMA),
                      return_package=True, use_linked_releases=linked)
    return records


def _two_processes() -> dict[str, Any]:
    """A process told in two releases (the second changes the value and adds
    an award) and a process in one."""
    first = release("ocds-x-1", 5000, "2020-06-01", "Cleaning")
    later = copy.deepcopy(first)
    later.update(id="ocds-x-1-2", date="2020-08-01T00:00:00Z")
    later["awards"][0]["value"]["amount"] = 5500
    later["awards"].append({"id": "ocds-x-1-B", "date": "2020-08-01", "title": "Windows",
                            "value": {"amount": 700, "currency": "GBP"},
                            "suppliers": [{"id": "GB-COH-9", "name": "Glaze"}]})
    return {"version": "1.1", "releases": [first, release("ocds-x-2", 10, "2020-06-02"), later]}


@pytest.mark.parametrize("linked", [False, True], ids=["embedded", "linked"])
def test_a_record_package_imports_like_the_contracts_finder_release_package(
        tmp_path: Path, linked: bool) -> None:
    package = json.loads(CONTRACTS.read_text(encoding="utf-8"))
    records = _write(tmp_path, "records.json", _record_package(package, linked))
    assert isinstance(registry.identify(records, registry.importers(ExpenseMapping.load())),
                      OCDSImporter)
    assert _entries(records) == _entries(str(CONTRACTS))


@pytest.mark.parametrize("linked", [False, True], ids=["embedded", "linked"])
def test_a_record_package_imports_like_its_releases(tmp_path: Path, linked: bool) -> None:
    package = _two_processes()
    releases = _write(tmp_path, "releases.json", package)
    records = _write(tmp_path, "records.json", _record_package(package, linked))
    text = _entries(records)
    assert text == _entries(releases)
    assert 'value: 5500.00 GBP' in text and '"ocds-x-1-B"' in text  # the later release won


def test_a_record_package_then_its_release_package_adds_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "main.beancount").write_text(
        'option "operating_currency" "GBP"\ninclude "imported.beancount"\n')
    package = _two_processes()
    files = [_write(tmp_path, "records.json", _record_package(package)),
             _write(tmp_path, "releases.json", package)]
    args = ["--ledger", str(tmp_path / "main.beancount"),
            "--out", str(tmp_path / "imported.beancount"), "--json"]
    assert main(["import", *files, *args]) == 0
    report = json.loads(capsys.readouterr().out)["files"]
    assert [(f["format"], f["imported"], f["duplicates"]) for f in report] == [
        ("OCDS package", 2, 0), ("OCDS package", 0, 2)]


def _ocds_10() -> dict[str, Any]:
    """An OCDS 1.0 release package: no version, organisations in place."""
    supplier = {"name": "Acme Cleaning Ltd",
                "identifier": {"scheme": "GB-COH", "id": "01234567"},
                "address": {"streetAddress": "1 High Street", "postalCode": "EX1 1AA"}}
    buyer = {"name": "Demo Council", "identifier": {"scheme": "GB-LAC", "id": "E0000"}}
    return {"publisher": {"name": "Demo Council"}, "releases": [{
        "ocid": "ocds-x-10", "id": "r1", "date": "2016-05-01T00:00:00Z", "tag": ["award"],
        "buyer": buyer,
        "tender": {"id": "T1", "title": "Office cleaning", "procuringEntity": buyer},
        "awards": [{"id": "A1", "date": "2016-05-01", "status": "active",
                    "value": {"amount": 1200, "currency": "GBP"}, "suppliers": [supplier],
                    "amendment": {"date": "2016-06-01", "rationale": "extended"}}]}]}


def test_an_ocds_10_release_package_imports_after_ocdskits_upgrade(tmp_path: Path) -> None:
    package = _ocds_10()
    result = OCDSImporter().parse(_write(tmp_path, "ocds-10.json", package))
    assert result.rejects == []
    organisation, contract = result.entries
    assert isinstance(contract, data.Custom) and contract.type == "cwl-contract"
    assert contract.meta["title"] == "Office cleaning (active)"
    assert str(contract.meta["value"]) == "1200.00 GBP"
    # ocdskit gives a 1.0 organisation an id: a hash of its identifying fields
    supplier_id = contract.meta["supplier"]
    assert organisation.values[0].value == supplier_id and len(supplier_id) == 32
    assert organisation.meta["company-number"] == "01234567"
    assert organisation.meta["postcode"] == "EX1 1AA"
    # the same as upgrading the whole package with ocdskit first
    upgraded = upgrade_10_11(copy.deepcopy(package), reorder=False)
    assert upgraded["version"] == "1.1"
    assert _entries(_write(tmp_path, "ocds-11.json", upgraded)) == render(
        without_source(result.entries))


def test_a_10_release_ocdskit_cannot_upgrade_is_rejected_in_words(tmp_path: Path) -> None:
    package = _ocds_10()
    package["releases"][0]["buyer"] = 5
    package["releases"].append(_ocds_10()["releases"][0] | {"ocid": "ocds-x-11"})
    path = tmp_path / "ocds-10.json"
    path.write_text(json_lines("releases", package["releases"]))
    result = OCDSImporter().parse(str(path))
    [reject] = result.rejects
    assert reject.line == 2
    assert reject.reason.startswith(
        "release at line 2 is OCDS 1.0 and ocdskit cannot upgrade it to 1.1: its buyer")
    assert '"parties"' not in reject.raw  # as the file has it, not half upgraded
    assert len(result.rows) == 1


def test_a_11_package_without_a_version_is_not_upgraded(tmp_path: Path) -> None:
    """Publishers leave out ``version``; releases with ``parties`` are 1.1."""
    package = json.loads(CONTRACTS.read_text(encoding="utf-8"))
    assert ocds_contracts.is_ocds_10({}, package["releases"]) is False
    del package["version"]
    assert _entries(_write(tmp_path, "no-version.json", package)) == _entries(str(CONTRACTS))
    assert ocds_contracts.is_ocds_10({"version": "1.0"}, package["releases"]) is True


def test_records_that_cannot_be_read_are_rejected_with_line_and_reason(tmp_path: Path) -> None:
    sound = _record_package(_two_processes())["records"]
    nan = copy.deepcopy(sound[0])
    nan["ocid"] = "ocds-x-3"
    only_links = {"ocid": "ocds-x-4", "releases": [{"url": "https://example.org/r1",
                                                     "date": "2020-06-01", "tag": ["award"]}]}
    path = tmp_path / "records.json"
    path.write_text(json_lines("records", [{"releases": []}, only_links, nan, sound[1]])
                    .replace('"amount": 5000', '"amount": NaN'))
    result = OCDSImporter().parse(str(path))
    assert [(r.line, r.reason) for r in result.rejects] == [
        (2, "record has no ocid"),
        (3, "record has no releases to merge (only links to them) and no compiled release"),
        (4, "releases[0] of the record at line 4: awards[0].value.amount: "
            "NaN is not a JSON number")]
    assert [r.line for r in result.rows] == [5]


def test_merge_rules_come_from_the_shipped_schema_not_the_network(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    _get_merge_rules_from_url_or_path.cache_clear()
    ocds_contracts.merger.cache_clear()
    schema = json.loads(RELEASE_SCHEMA.read_text(encoding="utf-8"))
    assert schema["id"].endswith("/1__1__5/release-schema.json")
    rules = ocds_contracts.merger().merge_rules
    assert rules[("tag",)] == "omitWhenMerged"
    assert rules[("parties", "roles")] == "wholeListMerge"
    package = _two_processes()
    assert "5500.00 GBP" in _entries(_write(tmp_path, "releases.json", package))
