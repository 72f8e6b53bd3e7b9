"""Publishing fails closed on people: books holding each way a person can
slip through, exported and reported, and every output searched for them."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from helpers import codes
from people_books import CASES, HEAD, SCHEME, all_cases, all_words, paid

from cli.main import main
from ledger.config import parse_config
from ledger.redaction import Redactor
from rules.session import Session


def _line(path: Path, text: str) -> int:
    """The number of the first line of ``path`` holding ``text``."""
    lines = path.read_text("utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


def _books(tmp_path: Path, case: str) -> Path:
    text, _ = CASES[case]
    path = tmp_path / "main.beancount"
    path.write_text(HEAD + SCHEME + text, encoding="utf-8")
    return path


def _outputs(tmp_path: Path, ledger: Path, *extra: str) -> dict[str, str]:
    """Every export, run; each output's text (absent when not written)."""
    texts = {}
    for kind, name in (("spend", "spend.csv"), ("360giving", "grants.json"),
                       ("360giving", "grants.csv")):
        out = tmp_path / name
        main(["export", kind, str(ledger), "--out", str(out), *extra])
        if out.exists():
            texts[name] = out.read_text("utf-8")
    return texts


def _leaks(texts: dict[str, str], words: list[str]) -> list[tuple[str, str]]:
    return [(name, w) for name, text in texts.items() for w in words
            if w in " ".join(text.split()).casefold() or w in text.casefold()]


@pytest.mark.parametrize("case", sorted(CASES))
def test_no_export_names_a_person(tmp_path, case, capsys):
    ledger = _books(tmp_path, case)
    texts = _outputs(tmp_path, ledger, "--force")
    assert "spend.csv" in texts
    assert _leaks(texts, CASES[case][1]) == []
    assert "Traceback" not in capsys.readouterr().err


def test_broken_books_are_not_exported_unless_forced(tmp_path, capsys):
    ledger = _books(tmp_path, "unparsable declaration")
    assert _outputs(tmp_path, ledger) == {}
    err = capsys.readouterr().err
    assert f"{ledger}:{_line(ledger, 'individual: yes')}:" in err
    assert "not written" in err
    forced = _outputs(tmp_path, ledger, "--force")
    assert set(forced) == {"spend.csv", "grants.json", "grants.csv"}
    spend = list(csv.DictReader(forced["spend.csv"].splitlines()))
    assert any(r["Supplier Name"] == "Redacted: individual" for r in spend)


def test_misnamed_directives_are_errors_at_their_lines(tmp_path):
    ledger = _books(tmp_path, "misnamed declarations")
    session = Session.load(ledger)
    lines = {(e.source["lineno"], e.message.split(":")[0]) for e in session.config_errors}
    assert (_line(ledger, '"CWL-organisation"'),
            'Unknown directive "CWL-organisation"') in lines
    assert (_line(ledger, '"cwl-organisaton"'),
            'Unknown directive "cwl-organisaton"') in lines
    assert all('did you mean "cwl-organisation"' in e.message for e in session.config_errors)
    assert _outputs(tmp_path, ledger) == {}


def test_free_text_is_scrubbed_but_companies_keep_their_names(tmp_path):
    texts = _outputs(tmp_path, _books(tmp_path, "free text"))
    rows = list(csv.DictReader(texts["spend.csv"].splitlines()))
    types = {r["Expense Type"] for r in rows}
    assert "Repairs for an individual at an individual" in types
    assert "Subcontract: an individual" in types
    assert {r["Supplier Name"] for r in rows} >= {"Honest Traders Ltd"}


def test_an_award_id_naming_a_person_is_never_published(tmp_path):
    texts = _outputs(tmp_path, _books(tmp_path, "award id"))
    grants = json.loads(texts["grants.json"])["grants"]
    person = [g for g in grants if "recipientIndividual" in g]
    assert [g["id"] for g in person] == ["360G-GB-LAE-REV-IND-GRANT-0001"]
    assert person[0]["recipientIndividual"]["id"] == "360G-GB-LAE-REV-IND-0001"


def test_an_unknown_org_id_is_an_error_at_its_line(tmp_path):
    ledger = _books(tmp_path, "spacing")
    session = Session.load(ledger)
    assert "ledger.unknown-org" in codes(session.errors)
    (error,) = [e for e in session.errors if "ledger.unknown-org" in e.message]
    assert error.source["lineno"] == _line(ledger, '"Janequill" "Repairs"')


def test_people_by_name_whatever_the_case_and_spacing(tmp_path):
    session = Session.load(_books(tmp_path, "spacing"))
    paid = {t.payee: session.redactor.decide(t) for t in session.entries
            if getattr(t, "narration", None) == "Repairs"}
    assert paid["JANE   quill T/A quill   REPAIRS"].reason == "individual"
    assert paid["Janequill"].personal  # "Jane Quill", spaces dropped


def test_payees_that_look_like_people_are_held_back_and_listed(tmp_path, capsys):
    texts = _outputs(tmp_path, _books(tmp_path, "looks personal"))
    out = capsys.readouterr().out
    for payee in ("Mr T Abernethy", "Kit Marlowe t/a Marlowe Signs", "Quill Joinery"):
        assert f"  {payee}\n" in out
    rows = list(csv.DictReader(texts["spend.csv"].splitlines()))
    assert "Quill Holdings Ltd" in {r["Supplier Name"] for r in rows}  # declared


@pytest.mark.parametrize("flag, ok", [
    ("TRUE", True), ("FALSE", True), ('"TRUE"', True), ('"yes"', True), ('"No"', True),
    ('"Y"', False), ("1", False), ('"on"', False), ('"t"', False)])
def test_individual_and_redacted_accept_the_same_spellings(tmp_path, flag, ok):
    text = HEAD + f'''
2020-01-01 custom "cwl-organisation" "GB-IND-0009"
  name: "Someone"
  individual: {flag}
''' + paid("20", "Someone", "Work", f'  org-id: "GB-IND-0009"\n  redacted: {flag}\n')
    ledger = tmp_path / "main.beancount"
    ledger.write_text(text, encoding="utf-8")
    session = Session.load(ledger)
    flagged = [e for e in session.errors
               if "'individual'" in e.message or "ledger.flag" in e.message]
    assert (flagged == []) == ok, flagged
    if not ok:
        assert len(flagged) == 2
        (txn,) = [t for t in session.entries if getattr(t, "narration", None) == "Work"]
        assert session.redactor.decide(txn).personal  # fails closed


def test_forced_past_a_parse_error_withholds_what_the_lines_named(tmp_path):
    ledger = _books(tmp_path, "unparsable declaration")
    session = Session.load(ledger)
    assert session.parse_errors and session.publish_blockers
    assert session.redactor.scrub("Orla Vantongeren, GB-IND-0002") == (
        "an individual, an individual")


def test_the_reports_name_no_one(tmp_path):
    """The PDFs, forced past every case at once."""
    from pypdf import PdfReader

    ledger = tmp_path / "main.beancount"
    ledger.write_text(all_cases(), encoding="utf-8")
    assert main(["report", "all", str(ledger), "--out", str(tmp_path / "out"),
                 "--force"]) == 0
    words = all_words()
    for pdf in sorted((tmp_path / "out").glob("*.pdf")):
        content = " ".join(p.extract_text() for p in PdfReader(pdf).pages).casefold()
        leaks = [w for w in words if w in " ".join(content.split())]
        assert leaks == [], pdf.name


def test_scrub_keeps_a_declared_company_that_shares_a_surname(tmp_path):
    ledger = _books(tmp_path, "looks personal")
    config, _ = parse_config(Session.load(ledger).entries)
    redactor = Redactor(config)
    assert redactor.scrub("Quill Holdings Ltd paid Quill Joinery") == (
        "Quill Holdings Ltd paid an individual Joinery")
