"""The demo ledger: plain-Beancount valid, deterministic, scalable, and with
its planted faults listed at real entries."""

from __future__ import annotations

import csv
import json

import pytest
from beancount import loader
from beancount.core import data

from ledger.demo.generator import core_transactions, generate


def _files(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_plain_demo_passes_bean_check(plain_demo_dir):
    entries, errors, _ = loader.load_file(str(plain_demo_dir / "main.beancount"))
    assert errors == []
    txns = [e for e in entries if isinstance(e, data.Transaction)]
    assert len(txns) == 2000
    main = (plain_demo_dir / "main.beancount").read_text()
    assert "plugin" not in main


def test_same_seed_same_bytes(tmp_path, demo_dir):
    generate(tmp_path / "again")
    assert _files(tmp_path / "again") == _files(demo_dir)
    generate(tmp_path / "other", seed=7)
    assert _files(tmp_path / "other") != _files(demo_dir)


@pytest.mark.parametrize("size", [core_transactions(), 5000, 20000])
def test_size_is_the_number_of_transactions(tmp_path, size):
    summary = generate(tmp_path, size=size, plugins=False)
    entries, errors, _ = loader.load_file(str(summary.main))
    assert errors == []
    assert sum(isinstance(e, data.Transaction) for e in entries) == size == summary.transactions


def test_size_below_the_core_books_is_refused(tmp_path):
    with pytest.raises(ValueError, match=f"--size must be at least {core_transactions()}"):
        generate(tmp_path, size=100)
    assert list(tmp_path.iterdir()) == []


def test_planted_faults_point_at_entries(plain_demo_dir):
    faults = json.loads((plain_demo_dir / "planted-faults.json").read_text())
    entries, _, _ = loader.load_file(str(plain_demo_dir / "main.beancount"))
    starts = {(e.meta["filename"].rsplit("/", 1)[-1], e.meta["lineno"]) for e in entries}
    assert len(faults) >= 25
    for fault in faults:
        assert (fault["file"], fault["line"]) in starts, fault
    rules = {f["rule"].split(".")[0] for f in faults}
    assert rules >= {"grants", "hardship", "relief", "local", "claims", "sv", "pots",
                     "vcse", "hub"}


def test_all_four_streams_and_inputs_are_written(plain_demo_dir):
    entries, _, _ = loader.load_file(str(plain_demo_dir / "main.beancount"))
    accounts = {p.account for e in entries if isinstance(e, data.Transaction)
                for p in e.postings}
    for root in ("Expenses:Grants:", "Expenses:Contracts:", "Expenses:Services:",
                 "Expenses:Covid:", "Income:Government:Covid:SFC",
                 "Income:Government:Covid:Tranche", "Income:FeesCharges:"):
        assert any(a.startswith(root) for a in accounts), root
    inputs = plain_demo_dir / "inputs"
    with (inputs / "spend-2020-06.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 150 and rows[0]["Supplier Name"]
    assert json.loads((inputs / "contracts-ocds.json").read_text())["releases"]
    assert (inputs / "grants-360giving.csv").read_text().startswith("Identifier,")
    assert (inputs / "bank-statement.csv").exists()


def test_demo_command(tmp_path, capsys):
    from cli.main import main

    size = core_transactions(3) + 10
    assert main(["demo", str(tmp_path), "--size", str(size), "--seed", "3"]) == 0
    assert f"{size} transactions" in capsys.readouterr().out
    assert 'plugin "rules.all"' in (tmp_path / "main.beancount").read_text()


def test_demo_command_reports_bad_output_and_size(tmp_path, capsys):
    from cli.main import main

    target = tmp_path / "a-file"
    target.write_text("")
    assert main(["demo", str(target)]) == 2
    assert f"cwl demo: {target}:" in capsys.readouterr().err
    assert main(["demo", str(tmp_path / "d"), "--size", "10"]) == 2
    assert f"--size must be at least {core_transactions()}" in capsys.readouterr().err
