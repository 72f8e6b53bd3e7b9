"""No hardship recipient is named anywhere the council publishes: the
grant panel pack's text, the Transparency Code spend CSV and the
360Giving export are searched for every resident's name, postcode,
case reference and salted references, and for the NI number planted in
the demo's books."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from ledger.demo.hardship import people
from reports.exports.command import register

PLANTED_NI = ("QQ 12 34 56 C", "QQ123456C")


def _export(*argv: str) -> int:
    top = argparse.ArgumentParser(prog="cwl")
    register(top.add_subparsers(dest="command", required=True))
    args = top.parse_args(["export", *argv])
    return args.run(args)


def _secrets() -> list[str]:
    found = []
    for person in people():
        found += [person.name, person.postcode, person.postcode.replace(" ", ""),
                  person.reference, person.ref, person.household]
    return found + list(PLANTED_NI)


@pytest.fixture(scope="module")
def exports(demo_dir: Path, tmp_path_factory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("hardship-exports")
    ledger = str(demo_dir / "main.beancount")
    texts = {}
    for kind, name, extra in (("spend", "spend.csv", ("--threshold", "0")),
                              ("360giving", "grants.json", ()),
                              ("360giving", "grants.csv", ())):
        assert _export(kind, ledger, "--out", str(out / name), "--force", *extra) == 0
        texts[name] = (out / name).read_text(encoding="utf-8")
    return texts


def test_the_books_do_hold_what_the_outputs_must_not(demo_dir):
    """The search below means something: names, postcodes and salted
    references are in the books; case references never are."""
    books = (demo_dir / "hardship.beancount").read_text(encoding="utf-8")
    for person in people():
        assert person.name in books and person.postcode in books
        assert person.ref in books and person.household in books
        assert person.reference not in books
    assert PLANTED_NI[0] in books


def test_the_panel_pack_counts_hardship_and_names_no_one(rendered):
    text = rendered.texts["grants-panel"]
    assert "Hardship (no names)" in text
    assert "hardship.paid-twice hardship.beancount" in text
    assert "hardship.raw-identifier hardship.beancount" in text
    found = [secret for secret in _secrets() if secret.casefold() in text.casefold()]
    assert found == []


def test_the_exports_publish_hardship_payments_and_name_no_one(exports):
    spend = exports["spend.csv"]
    grants = json.loads(exports["grants.json"])["grants"]
    assert spend.count("Redacted: individual") >= len(people())
    hardship = [g for g in grants if "HSF" in json.dumps(g) or "ISOL" in json.dumps(g)]
    assert len(hardship) >= len(people())
    assert all("recipientIndividual" in g for g in hardship)
    for name, text in exports.items():
        found = [secret for secret in _secrets() if secret.casefold() in text.casefold()]
        assert found == [], name
