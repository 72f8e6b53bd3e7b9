"""The demo's sample inputs go through ``cwl import`` into the demo's own
books: every row imported, the known expense types mapped, and the books
gain no error beyond the faults planted on purpose."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from cli.main import main
from rules.session import Session


def test_demo_inputs_import_into_the_demo(demo_dir: Path, tmp_path: Path, capsys) -> None:
    books = tmp_path / "books"
    shutil.copytree(demo_dir, books)
    main_file = books / "main.beancount"
    planted = len(json.loads((books / "planted-faults.json").read_text()))
    inputs = sorted((books / "inputs").iterdir())
    out = books / "imported.beancount"
    code = main(["import", *map(str, inputs), "--ledger", str(main_file), "--out", str(out),
                 "--bank-account", "Assets:Bank:Group", "--json", "--strict"])
    assert code == 0
    summary = json.loads(capsys.readouterr().out)
    files = summary["files"] if isinstance(summary, dict) else summary
    assert len(files) == len(inputs)
    for result in files:
        if result["file"].endswith("rating-list.csv"):
            # The list properties.beancount declares: nothing to add.
            assert result["rejected"] == 0 and result["read"] == result["duplicates"] > 0, result
            continue
        assert result["rejected"] == 0 and result["read"] == result["imported"] > 0, result
        assert not result.get("unmapped"), result
    main_file.write_text(main_file.read_text() + 'include "imported.beancount"\n')
    assert len(Session.load(str(main_file)).errors) == planted
