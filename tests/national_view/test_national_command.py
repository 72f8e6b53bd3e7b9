"""``cwl national``: CSVs and a PDF from a folder of exports; bad inputs
named, nothing written, exit 2. ``cwl demo --councils`` needs the key."""

from __future__ import annotations

import csv
import io

from pypdf import PdfReader

from cli.main import main
from ledger.entry_types import is_transaction
from rules.session import Session


def test_writes_csvs_and_a_pdf_with_the_matches(councils, tmp_path, capsys):
    out = tmp_path / "report"
    assert main(["national", str(councils.exports), "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert "reading 3/3" in captured.err
    assert "3 councils" in captured.out
    with (out / "shared_properties.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    planted = {(p["match"], p["council"]) for p in councils.planted if p["kind"] == "property"}
    assert {(r["property_ref"], r["council_id"]) for r in rows} == planted
    text = " ".join(page.extract_text() for page in PdfReader(out / "national.pdf").pages)
    assert "National view of councils" in text
    assert "Ravensby Borough Council" in text
    dates = [r.date for s in map(Session.load, councils.mains) for r in s.entries
             if is_transaction(r)]
    assert f"Postings dated {min(dates):%-d %B %Y} to {max(dates):%-d %B %Y}" in text
    assert "Period: Postings dated" in text  # each page's footer
    match = next(p for p in councils.planted if p["kind"] == "company")
    assert match["match"] in text


def test_a_file_that_is_not_parquet_is_named(tmp_path, capsys):
    bad = tmp_path / "in" / "council.parquet"
    bad.parent.mkdir()
    bad.write_text("council,amount\nX,1\n")
    assert main(["national", str(bad.parent), "--out", str(tmp_path / "r")]) == 2
    assert f"{bad}: not a Parquet file" in capsys.readouterr().err
    assert not (tmp_path / "r").exists()


def test_a_parquet_file_not_from_cwl_is_named(tmp_path, capsys):
    import pyarrow as pa
    import pyarrow.parquet as pq

    other = tmp_path / "other.parquet"
    pq.write_table(pa.table({"a": [1]}), other)
    assert main(["national", str(other), "--out", str(tmp_path / "r")]) == 2
    assert f"{other}: not written by `cwl export parquet`" in capsys.readouterr().err


def test_an_empty_folder_is_refused(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["national", str(tmp_path / "empty"), "--out", str(tmp_path / "r")]) == 2
    assert "no .parquet files" in capsys.readouterr().err


def test_a_council_given_twice_is_refused(councils, tmp_path, capsys):
    twice = tmp_path / "twice"
    twice.mkdir()
    first = sorted(councils.exports.iterdir())[0]
    for name in ("a.parquet", "b.parquet"):
        (twice / name).write_bytes(first.read_bytes())
    assert main(["national", str(twice), "--out", str(tmp_path / "r")]) == 2
    assert "also in" in capsys.readouterr().err


def test_demo_councils_needs_the_national_key(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("CWL_NATIONAL_KEY", raising=False)
    assert main(["demo", "--councils", "2", str(tmp_path / "d")]) == 2
    assert "national key" in capsys.readouterr().err
    weak = tmp_path / "weak.key"
    weak.write_text("short\n")
    assert main(["demo", "--councils", "2", "--national-key-file", str(weak),
                 str(tmp_path / "d")]) == 2
    assert f"{weak}: the national key is shorter" in capsys.readouterr().err
    assert not (tmp_path / "d").exists()


def test_csv_cells_cannot_run_as_formulas(councils, tmp_path, capsys):
    out = tmp_path / "report"
    assert main(["national", str(councils.exports), "--out", str(out)]) == 0
    for path in out.glob("*.csv"):
        for row in csv.reader(io.StringIO(path.read_text("utf-8"))):
            assert not any(cell.startswith(("=", "+", "@")) for cell in row)
