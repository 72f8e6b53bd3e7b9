"""rules.all on whole ledgers: the demo's planted faults are found exactly,
and books that do not use our vocabulary hear nothing from us."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from beancount import loader

from rules.session import Session

CODE = re.compile(r"\[([a-z]+\.[a-z-]+)\]$")


def test_demo_faults_are_exactly_the_planted_ones(demo_dir):
    ledger = Session.load(str(demo_dir / "main.beancount"))
    found = set()
    for error in ledger.errors:
        code = CODE.search(error.message)
        assert code, f"error without a rule code: {error.message}"
        found.add((error.source["filename"].rsplit("/", 1)[-1], error.source["lineno"],
                   code.group(1)))
    planted = {(f["file"], f["line"], f["rule"])
               for f in json.loads((demo_dir / "planted-faults.json").read_text())}
    assert sorted(found - planted) == [], "errors that were not planted"
    assert sorted(planted - found) == [], "planted faults the rules missed"
    assert len(ledger.errors) == len(planted), "each fault reported once"


def test_cwl_check_prints_file_and_line(demo_dir):
    run = subprocess.run([sys.executable, "-m", "cli.main", "check",
                          str(demo_dir / "main.beancount")], capture_output=True, text=True)
    assert run.returncode == 1
    first = run.stdout.splitlines()[0]
    assert re.match(r"^/.+\.beancount:\d+: .+ \[[a-z]+\.[a-z-]+\]$", first), first


def test_silent_on_beancount_example(tmp_path):
    example = tmp_path / "example.beancount"
    bean_example = Path(sys.executable).with_name("bean-example")
    subprocess.run([str(bean_example), "-s", "1",
                    "--date-begin", "2022-01-01", "--date-end", "2023-06-30",
                    "--date-birth", "1980-01-01", "-o", str(example)], check=True,
                   capture_output=True)
    text = example.read_text()
    _, plain_errors, _ = loader.load_file(str(example))
    ruled = tmp_path / "ruled.beancount"
    ruled.write_text('plugin "rules.all"\n' + text)
    entries, errors, _ = loader.load_file(str(ruled))
    assert len(errors) == len(plain_errors)
    plain_entries, _, _ = loader.load_file(str(example))
    assert len(entries) == len(plain_entries)
