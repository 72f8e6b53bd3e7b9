"""``cwl report`` destroys no file: PDFs are written whole (a temporary file
renamed over the old one), Ctrl-C leaves the old PDFs and no temporary
files, a PDF may not be the ledger or a file it includes, and the bundled
demo is written as ``cwl demo`` writes it, never over a user's file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from review_ledgers import TRANCHES, write

from cli import main as cli
from reports import command
from reports.registry import REPORTS, reports_for

PDFS = [REPORTS[name].filename for name in reports_for("council")]


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every path under ``folder`` (hidden ones included) with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else "folder"
            for p in sorted(folder.rglob("*"))}


def report(*argv: str) -> int:
    return cli.main(["report", *argv, "--produced", "2025-01-01"])


def run_report(*argv: str) -> int:
    """The command itself, without ``main``'s Ctrl-C handling around it."""
    args = cli.parser("report").parse_args(["report", *argv, "--produced", "2025-01-01"])
    return args.run(args)


@pytest.fixture
def books(tmp_path: Path) -> Path:
    return write(tmp_path, TRANCHES)


@pytest.fixture
def old_reports(tmp_path: Path) -> Path:
    """A folder holding last quarter's four reports."""
    out = tmp_path / "out"
    out.mkdir()
    for name in PDFS:
        (out / name).write_bytes(b"%PDF last quarter's " + name.encode())
    return out


def _interrupt_on(monkeypatch, target: object, name: str, calls: int) -> None:
    """Make ``target.name`` raise KeyboardInterrupt on its ``calls``-th call."""
    real = getattr(target, name)
    count = {"n": 0}

    def interrupted(*args, **kwargs):
        count["n"] += 1
        if count["n"] == calls:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(target, name, interrupted)


def test_pdfs_are_written_whole_and_readable(books, old_reports, capsys):
    assert report("all", str(books), "--out", str(old_reports)) == 0
    files = snapshot(old_reports)
    assert sorted(files) == sorted(PDFS)  # no temporary file left beside them
    assert all(content.startswith(b"%PDF-") for content in files.values())
    umask = os.umask(0)
    os.umask(umask)
    for name in PDFS:  # as open() would make them, not mkstemp's 0600
        assert stat.S_IMODE((old_reports / name).stat().st_mode) == 0o666 & ~umask


@pytest.mark.parametrize("where", ["writing the second PDF", "rendering the third"])
def test_ctrl_c_leaves_the_old_pdfs(books, old_reports, monkeypatch, where):
    before = snapshot(old_reports)
    if where == "writing the second PDF":  # its bytes written, as they are synced
        _interrupt_on(monkeypatch, os, "fsync", 2)
    else:
        _interrupt_on(monkeypatch, command, "render_pdf", 3)
    with pytest.raises(KeyboardInterrupt):
        run_report("all", str(books), "--out", str(old_reports))
    monkeypatch.undo()
    assert snapshot(old_reports) == before


def test_ctrl_c_during_the_renames_finishes_them(books, old_reports, monkeypatch):
    _interrupt_on(monkeypatch, os, "replace", 2)
    with pytest.raises(KeyboardInterrupt):
        run_report("all", str(books), "--out", str(old_reports))
    monkeypatch.undo()
    files = snapshot(old_reports)
    assert sorted(files) == sorted(PDFS)
    assert all(b"last quarter" not in content for content in files.values())  # all new


def test_a_failed_write_leaves_no_temporary_file(books, old_reports, monkeypatch, capsys):
    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    before = snapshot(old_reports)
    assert report("all", str(books), "--out", str(old_reports)) == 2
    monkeypatch.undo()
    assert "No space left on device" in capsys.readouterr().err
    assert snapshot(old_reports) == before


def test_a_pdf_may_not_be_the_ledger(tmp_path, capsys):
    ledger = write(tmp_path, TRANCHES, name="claim-pack.pdf")
    before = ledger.read_bytes()
    assert report("claim", str(ledger), "--out", str(tmp_path)) == 2
    err = capsys.readouterr().err
    assert err == (f"{tmp_path / 'claim-pack.pdf'}: is {ledger}, one of the books or inputs; "
                   "give another file\n")
    assert ledger.read_bytes() == before


def test_a_pdf_may_not_be_a_file_the_ledger_includes(tmp_path, capsys):
    included = write(tmp_path, TRANCHES, name="grants-panel.pdf")
    ledger = write(tmp_path, 'include "grants-panel.pdf"\n')
    before = snapshot(tmp_path)
    out = tmp_path / "sub" / ".."  # the same folder, spelt otherwise
    (tmp_path / "sub").mkdir()
    assert report("all", str(ledger), "--out", str(out)) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{out / 'grants-panel.pdf'}: is {included}, one of the books or "
                          "inputs; give another file"), err
    (tmp_path / "sub").rmdir()
    assert snapshot(tmp_path) == before  # no PDF written, the books untouched


def test_the_bundled_demo_is_never_written_over_a_users_file(tmp_path, capsys):
    folder = tmp_path / "demo-ledger"
    folder.mkdir()
    (folder / "accounts.beancount").write_text("my own accounts\n")
    before = snapshot(tmp_path)
    assert report("claim", "--out", str(tmp_path)) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{folder / 'accounts.beancount'}: not written by cwl demo"), err
    assert err.count("\n") == 1
    assert snapshot(tmp_path) == before
