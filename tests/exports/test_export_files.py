"""``cwl export`` never writes over the books it reads."""

from __future__ import annotations

from people_books import DECLARED, HEAD, SCHEME, award

from cli.main import main


def test_out_may_not_be_a_file_the_ledger_includes(tmp_path, capsys):
    included = tmp_path / "grants.json"
    included.write_text(";; more books\n" + DECLARED, encoding="utf-8")
    ledger = tmp_path / "main.beancount"
    ledger.write_text(HEAD + SCHEME + 'include "grants.json"\n'
                      + award("10", "Honest Traders Ltd", "SBGF-1",
                              '  org-id: "GB-COH-00000001"\n'), encoding="utf-8")
    before = included.read_bytes()
    assert main(["export", "360giving", str(ledger), "--out", str(included)]) == 2
    assert "one of the books" in capsys.readouterr().err
    assert included.read_bytes() == before
    assert main(["export", "360giving", str(ledger), "--out",
                 str(tmp_path / "grants.csv")]) == 0


def test_spend_is_written_as_csv_only(tmp_path, capsys):
    ledger = tmp_path / "main.beancount"
    ledger.write_text(HEAD, encoding="utf-8")
    before = ledger.read_bytes()
    for out in (ledger, tmp_path / "spend.xlsx"):
        assert main(["export", "spend", str(ledger), "--out", str(out)]) == 2
        assert "the file must end .csv" in capsys.readouterr().err
    assert ledger.read_bytes() == before and not (tmp_path / "spend.xlsx").exists()
