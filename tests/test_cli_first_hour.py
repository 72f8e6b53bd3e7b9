"""A new user's first hour with ``cwl``: the version, one clear line for a
file that is no ledger, errors in the ledger's words and in file order,
Ctrl-C ending a command quietly, and a README whose test command is the one
CI runs."""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
from collections import namedtuple
from importlib import metadata
from pathlib import Path

import pytest
from pypdf import PdfWriter

from cli import check as check_module
from cli.check import format_error, sort_errors
from cli.main import main

ROOT = Path(__file__).resolve().parent.parent
CWL = Path(sys.executable).with_name("cwl")
Error = namedtuple("Error", "source message entry")


def write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# -- cwl --version ---------------------------------------------------------------

def test_version_is_the_installed_distributions(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"cwl {metadata.version('community-wealth-ledger')}\n"


def test_version_from_the_installed_command():
    run = subprocess.run([str(CWL), "--version"], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == f"cwl {metadata.version('community-wealth-ledger')}"


# -- cwl check on files that are no ledger -----------------------------------------

def _pdf() -> bytes:
    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(595, 842)
    writer.write(out)
    return out.getvalue()


def _csv() -> bytes:
    rows = ["Body,Date,Supplier Name,Amount,Expense Type"]
    rows += [f"Lunesdale DC,2020-06-{day:02d},Acme Ltd,{day * 10}.00,Cleaning"
             for day in range(1, 29)]
    return ("\n".join(rows) + "\n").encode()


# File name -> its bytes, and what ``cwl check`` must say of it.
NOT_LEDGERS = {
    "report.pdf": (_pdf, "a PDF document"),
    "blob.bin": (lambda: bytes(range(256)) * 40, "binary data"),
    "spend.csv": (_csv, "no directives, only"),
    "empty.beancount": (lambda: b"\n  \n", "the file is empty"),
    "latin1.beancount": (lambda: "2020-01-01 open Assets:Café\n".encode("latin-1"),
                         "not UTF-8 text: byte 0xE9 on line 1"),
    "sheet.xlsx": (lambda: b"PK\x03\x04" + bytes(200), "spreadsheet"),
}


@pytest.mark.parametrize("name", sorted(NOT_LEDGERS))
def test_check_says_in_one_line_that_a_file_is_no_ledger(name, tmp_path, capsys):
    content, reason = NOT_LEDGERS[name]
    path = tmp_path / name
    path.write_bytes(content())
    assert main(["check", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith(f"{path}: not a Beancount ledger (")
    assert reason in lines[0]


def test_a_csv_is_pointed_to_cwl_import(tmp_path, capsys):
    path = tmp_path / "spend.csv"
    path.write_bytes(_csv())
    assert main(["check", str(path)]) == 2
    assert "use `cwl import`" in capsys.readouterr().err


def test_a_ledger_of_only_bad_lines_is_still_checked(tmp_path, capsys):
    """A ledger whose every directive is broken is a ledger with errors."""
    path = write(tmp_path / "main.beancount", """\
        2021-02-30 open Assets:Cash
        2021-01-01 opne Assets:Bank
    """)
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:1: invalid date 2021-02-30" in out
    assert "not a Beancount ledger" not in out


def test_a_comment_only_ledger_is_fine(tmp_path, capsys):
    path = write(tmp_path / "main.beancount", "; books start next month\n")
    assert main(["check", str(path)]) == 0


# -- messages in the ledger's words -----------------------------------------------------

def test_a_bad_date_is_reported_without_python_names(tmp_path, capsys):
    path = write(tmp_path / "main.beancount", """\
        2021-01-01 open Assets:Cash
        2021-01-01 open Equity:Opening
        2021-02-30 * "Float"
          Assets:Cash      10.00 GBP
          Equity:Opening
    """)
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert out == f"{path}:3: invalid date 2021-02-30 (day is out of range for month)\n"


def test_exception_names_and_python_locations_are_dropped():
    error = Error({"filename": "main.beancount", "lineno": 7},
                  "TypeError: unsupported operand (/x/beancount/parser/grammar.py:412)", None)
    assert format_error(error) == "main.beancount:7: unsupported operand"


def test_a_byte_order_mark_is_explained(tmp_path, capsys):
    path = tmp_path / "main.beancount"
    path.write_bytes(b"\xef\xbb\xbf2021-01-01 open Assets:Cash\n2021-01-01 open Assets:Bank\n")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{path}:1: a byte-order mark (BOM), which Beancount cannot read")
    assert "\ufeff" not in out


# -- errors in file order -------------------------------------------------------------

def test_errors_come_sorted_by_file_then_line(tmp_path, capsys):
    """Beancount lists syntax errors before booking errors and the main
    file's before an included file's; ``cwl check`` lists them by place."""
    write(tmp_path / "a-grants.beancount", """\
        2021-01-05 * "Unbalanced"
          Assets:Cash      10.00 GBP
          Equity:Opening   -9.00 GBP
    """)
    main_file = write(tmp_path / "main.beancount", """\
        2021-01-01 open Assets:Cash
        2021-01-01 open Equity:Opening
        2021-01-02 * "Unbalanced"
          Assets:Cash      10.00 GBP
          Equity:Opening   -9.00 GBP
        include "a-grants.beancount"
        2021-13-01 open Assets:Other
    """)
    from rules.session import Session

    raw = [(e.source["filename"], e.source["lineno"])
           for e in Session.load(str(main_file)).errors]
    assert raw != sorted(raw), "the books must give errors out of order for this test"
    assert main(["check", str(main_file)]) == 1
    places = [line.split(": ")[0] for line in capsys.readouterr().out.splitlines()]
    assert places == [f"{tmp_path / 'a-grants.beancount'}:1", f"{main_file}:3",
                      f"{main_file}:7"]


def test_errors_with_no_place_come_last_in_their_order():
    errors = [Error(None, "first without a place", None),
              Error({"filename": "b.beancount", "lineno": 2}, "b2", None),
              Error({}, "second without a place", None),
              Error({"filename": "a.beancount", "lineno": 10}, "a10", None),
              Error({"filename": "a.beancount", "lineno": 9}, "a9", None)]
    assert [e.message for e in sort_errors(errors)] == [
        "a9", "a10", "b2", "first without a place", "second without a place"]


# -- Ctrl-C --------------------------------------------------------------------------

def test_ctrl_c_ends_a_command_with_one_line_and_130(tmp_path, monkeypatch, capsys):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(check_module, "check", interrupted)
    try:
        status = main(["check", str(tmp_path / "main.beancount")])
    except KeyboardInterrupt:
        pytest.fail("KeyboardInterrupt escaped main()")
    assert status == 130
    captured = capsys.readouterr()
    assert captured.err == "cwl: interrupted; files left as they were\n"
    assert captured.out == ""


def test_ctrl_c_in_the_installed_command_exits_130(tmp_path):
    """Through the console script's ``sys.exit(main())``: no traceback."""
    code = ("import sys, cli.check\n"
            "def stop(*a, **k):\n    raise KeyboardInterrupt\n"
            "cli.check.check = stop\n"
            "from cli.main import main\n"
            f"sys.exit(main(['check', {str(tmp_path)!r}]))\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 130
    assert run.stderr == "cwl: interrupted; files left as they were\n"


# -- the README ------------------------------------------------------------------------

def test_ci_runs_the_readmes_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = next(line for line in readme.splitlines()
                   if line.startswith("python3 -m venv") and "pytest" in line)
    assert command in ci.splitlines()
    assert "[test]" in command


def test_no_test_shells_out_to_poppler():
    """Page renders come from pypdfium2 (pip), not a system tool."""
    users = [str(p.relative_to(ROOT)) for p in (ROOT / "tests").rglob("*.py")
             if p.name != Path(__file__).name and "pdftoppm" in p.read_text(encoding="utf-8")]
    assert users == []
