"""New inputs refused with a reason at their file and line (or option)."""

from __future__ import annotations

from cli import check as cli_check
from cli.main import main
from ledger import fast_load

AREA = '''2020-01-01 custom "cwl-area" "Lunesdale"
  own: "LA1"
  gss-code: "E0712"
'''


def test_a_malformed_gss_code_is_an_error_at_its_line(tmp_path, capsys):
    ledger = tmp_path / "main.beancount"
    ledger.write_text(AREA, encoding="utf-8")
    assert main(["check", "--loader", "beancount", str(ledger)]) == 1
    out = capsys.readouterr().out
    assert f"{ledger}:1: cwl-area \"Lunesdale\": 'gss-code' must be an ONS (GSS) code" in out


def test_the_fast_loader_asked_for_but_missing_says_how_to_get_it(tmp_path, capsys,
                                                                   monkeypatch):
    ledger = tmp_path / "main.beancount"
    ledger.write_text(";; empty books\n", encoding="utf-8")
    monkeypatch.setattr(fast_load, "available", lambda: False)
    assert cli_check.default_loader() == "beancount"
    assert main(["check", "--loader", "uromyces", str(ledger)]) == 2
    err = capsys.readouterr().err
    assert "uromyces is not installed" in err and "--loader beancount" in err
