"""The command line: every command is listed, and running one imports only
what it needs."""

from __future__ import annotations

import subprocess
import sys

import pytest

from cli.main import COMMANDS, main


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for name in COMMANDS:
        assert name in out


def test_check_does_not_import_the_renderers():
    code = ("import sys; from cli.main import main\n"
            "try:\n    main(['check', '--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('weasyprint', 'fava.application', 'flask', 'pandas',"
            " 'flattentool')"
            " if m in sys.modules))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert run.stdout.strip().splitlines()[-1] == "[]"


def test_unknown_command_is_refused(capsys):
    with pytest.raises(SystemExit):
        main(["frobnicate"])
    assert "invalid choice" in capsys.readouterr().err


def test_check_refuses_a_folder(tmp_path, capsys):
    assert main(["check", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"{tmp_path}: is a folder, not a ledger file\n"


def test_check_as_a_program_prints_everything_before_it_ends(demo_dir):
    """``cwl check`` ends without freeing the books (``cli.main.FAST_EXIT``):
    its output, piped, is whole and its status kept."""
    import io  # noqa: PLC0415

    from cli.check import check  # noqa: PLC0415

    ledger = str(demo_dir / "main.beancount")
    expected = io.StringIO()
    assert check(ledger, out=expected) == 1
    run = subprocess.run([sys.executable, "-m", "cli.main", "check", ledger],
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert run.stdout == expected.getvalue()
    assert run.stderr.strip().endswith("error(s)")
