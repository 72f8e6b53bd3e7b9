"""``cwl check --loader uromyces`` prints what ``--loader beancount`` prints,
byte for byte: on the demo books with their planted faults, and on books with
a line no parser reads or a broken declaration."""

from __future__ import annotations

import dataclasses
import datetime
import io
import json
import shutil
from pathlib import Path

import pytest

from cli import check as cli_check

pytest.importorskip("uromyces", reason="uromyces (the 'fast' extra) is not installed")


def _run(path: Path, loader: str, capsys) -> tuple[int, str, str]:
    out = io.StringIO()
    code = cli_check.check(str(path), out=out, loader=loader)
    return code, out.getvalue(), capsys.readouterr().err


def _same(path: Path, capsys) -> tuple[int, str, str]:
    fast = _run(path, "uromyces", capsys)
    slow = _run(path, "beancount", capsys)
    assert fast == slow
    return fast


def _planted(folder: Path) -> list[dict]:
    return json.loads((folder / "planted-faults.json").read_text())


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch):
    monkeypatch.setenv("BEANCOUNT_DISABLE_LOAD_CACHE", "1")


@pytest.fixture
def books(demo_dir, tmp_path) -> Path:
    """A copy of the demo books, to break."""
    return Path(shutil.copytree(demo_dir, tmp_path / "books"))


def test_uromyces_is_the_default_when_installed():
    assert cli_check.default_loader() == "uromyces"


def test_the_demo_loads_without_falling_back_to_beancount(demo_dir, monkeypatch):
    from ledger import fast_load

    def fail(path):
        raise AssertionError(f"fell back to Beancount on {path}")
    monkeypatch.setattr(fast_load, "load_books", fail)
    entries, errors, _ = fast_load.load_books_fast(demo_dir / "main.beancount")
    assert len(errors) == len(_planted(demo_dir))
    assert sum(e.type.startswith("cwl-") for e in entries if hasattr(e, "values")) > 100


def test_the_rules_read_uromyces_transactions_as_they_are(demo_dir):
    from beancount.core import data

    from ledger import fast_load
    from ledger.entry_types import is_transaction

    entries, _, _ = fast_load.load_books_fast(demo_dir / "main.beancount")
    transactions = [e for e in entries if is_transaction(e)]
    assert len(transactions) > 1000
    assert not any(isinstance(e, data.Transaction) for e in transactions)


def test_plugins_read_the_books_files_while_uromyces_parses(demo_dir, monkeypatch):
    """The plugins the main file names are imported, and their
    ``prepare_files`` given every included file, during uromyces' parse."""
    from ledger import fast_load
    from rules import all as rules_all
    from rules.hardship import scan

    given: list[list[str]] = []
    monkeypatch.setattr(rules_all, "prepare_files", given.append)
    _, _, options = fast_load.load_books_fast(demo_dir / "main.beancount")
    assert [sorted(files) for files in given] == [sorted(options["include"])]
    # rules.all's own prepare_files leaves the hardship scan ready.
    monkeypatch.undo()
    monkeypatch.setattr(scan, "_READ", {})
    fast_load.load_books_fast(demo_dir / "main.beancount")
    assert set(scan._READ) == set(options["include"])  # noqa: SLF001


def test_a_plugin_failing_to_prepare_still_runs(demo_dir, monkeypatch):
    from ledger import fast_load
    from rules import all as rules_all

    def fail(files):
        raise RuntimeError("no files today")
    monkeypatch.setattr(rules_all, "prepare_files", fail)
    _, errors, _ = fast_load.load_books_fast(demo_dir / "main.beancount")
    assert len(errors) == len(_planted(demo_dir))


def test_a_plugin_that_fails_to_import_is_reported_as_beancount_reports_it(books, capsys):
    main = books / "main.beancount"
    main.write_text(main.read_text().replace('plugin "rules.all"',
                                             'plugin "rules.all"\nplugin "no.such.plugin"'))
    runs = [_run(main, loader, capsys) for loader in ("uromyces", "beancount")]
    for code, out, _ in runs:
        assert code == 1 and '<load>:0: Error importing "no.such.plugin"' in out
    # Beyond that line (which quotes each loader's Python traceback), the same.
    fast, slow = ([line for line in out.splitlines() if "no.such.plugin" not in line]
                  for _, out, _ in runs)
    assert fast == slow


def test_another_plugin_gets_beancount_entries(books, capsys):
    from beancount.core import data

    from ledger import fast_load

    main = books / "main.beancount"
    main.write_text(main.read_text().replace(
        'plugin "rules.all"', 'plugin "rules.all"\nplugin "beancount.plugins.implicit_prices"'))
    entries, _, options = fast_load.load_books_fast(main)
    assert [name for name, _ in options["plugin"]][-1] == "beancount.plugins.implicit_prices"
    assert all(isinstance(e, data.Transaction) for e in entries if hasattr(e, "postings"))
    code, out, _ = _same(main, capsys)
    assert code == 1
    assert len(out.splitlines()) == len(_planted(books))


def _fields(model) -> dict[str, str]:
    return {f.name: repr(getattr(model, f.name)) for f in dataclasses.fields(model)}


def test_report_and_export_figures_are_the_same(demo_dir):
    from ledger import fast_load
    from reports.exports import giving360
    from reports.exports.spend import spend_rows
    from reports.models.books import ReportBooks
    from reports.registry import REPORTS
    from rules.session import Session

    main = demo_dir / "main.beancount"
    slow, fast = Session.load(main), Session(*fast_load.load_books_fast(main))
    produced = datetime.date(2021, 6, 1)
    for report in REPORTS.values():
        assert (_fields(report.build(ReportBooks.of(fast, produced)))
                == _fields(report.build(ReportBooks.of(slow, produced)))), report.key
    assert list(spend_rows(fast)) == list(spend_rows(slow))
    published = [giving360.package(giving360.published_awards(s.grants), s, "360G-test").data
                 for s in (fast, slow)]
    assert published[0] == published[1]


def test_demo_findings_are_the_same(demo_dir, capsys):
    code, out, err = _same(demo_dir / "main.beancount", capsys)
    planted = _planted(demo_dir)
    assert code == 1
    assert len(out.splitlines()) == len(planted) > 0
    assert err == f"{len(planted)} error(s)\n"


def test_a_parse_error_is_reported_the_same(books, capsys):
    with open(books / "spend.beancount", "a", encoding="utf-8") as handle:
        handle.write("\n2020-06-01 * \"Broken\" \"no postings\n  Expenses:Nowhere 12 GBP\n")
    code, out, err = _same(books / "main.beancount", capsys)
    assert code == 1
    assert "spend.beancount" in out
    assert err != f"{len(_planted(books))} error(s)\n"


def test_a_declaration_error_is_reported_the_same(books, capsys):
    settings = books / "settings.beancount"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("  end: 2020-12-31", '  end: "soon"', 1), encoding="utf-8")
    code, out, err = _same(books / "main.beancount", capsys)
    assert code == 1
    assert "settings.beancount:12: cwl-subsidy-regime" in out


def test_a_line_broken_inside_a_declaration_is_reported_the_same(books, capsys):
    organisations = books / "organisations.beancount"
    text = organisations.read_text(encoding="utf-8")
    organisations.write_text(text.replace("  sme: TRUE", "  sme TRUE", 1), encoding="utf-8")
    code, out, _ = _same(books / "main.beancount", capsys)
    assert code == 1
    assert "organisations.beancount" in out


def test_a_failed_balance_is_reported_the_same(books, capsys):
    with open(books / "accounts.beancount", "a", encoding="utf-8") as handle:
        handle.write("\n2020-04-02 balance Assets:Bank:Current 123.45 GBP\n")
    code, out, _ = _same(books / "main.beancount", capsys)
    assert code == 1
    assert "accounts.beancount" in out


def test_a_byte_order_mark_is_reported_the_same(tmp_path, capsys):
    path = tmp_path / "main.beancount"
    path.write_bytes(b"\xef\xbb\xbf2021-01-01 open Assets:Cash\n2021-01-01 open Assets:Bank\n")
    code, out, _ = _same(path, capsys)
    assert code == 1
    assert "byte-order mark" in out
