"""How fast the transparency spend importer reads a real month of spend.

Imports Devon's May 2020 file (7,436 payments) and prints rows per second
for the importer alone (file -> entries), for the whole ``cwl import`` in
this process (file -> entries -> de-duplication -> Beancount text appended
to OUT), and end to end as a user runs it (a fresh ``cwl import`` process,
from its start to the written file), beside ``pandas.read_csv`` on the same
file in the same run, so the ratio holds whatever the machine. Target:
>= 20,000 rows/s end to end on a county month.

    python bench/bench_import.py [FILE] [--repeat N]
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pandas

from importers.command import run_import
from importers.expense_mapping import ExpenseMapping
from importers.transparency_spend import TransparencySpendImporter

DEVON = (Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "spend"
         / "devon-county-council-2020-05.csv").resolve()
TARGET = 20_000


def best_of(repeat: int, work: Callable[[], object]) -> float:
    """The fastest of ``repeat`` runs: the least disturbed by the machine."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def whole_command(path: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.beancount")
        with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
            run_import([path], None, out, None, None, False, False)


def fresh_process(path: str) -> None:
    """``cwl import`` as a user runs it: a new Python, every import paid."""
    with tempfile.TemporaryDirectory() as tmp:
        ledger = os.path.join(tmp, "main.beancount")
        Path(ledger).write_text("", encoding="utf-8")
        subprocess.run([sys.executable, "-m", "cli.main", "import", path, "--ledger", ledger,
                        "--out", os.path.join(tmp, "out.beancount")],
                       check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(DEVON))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    importer = TransparencySpendImporter(ExpenseMapping.load())
    rows = importer.parse(args.file).read
    importer_s = best_of(args.repeat, lambda: importer.parse(args.file))
    command_s = best_of(args.repeat, lambda: whole_command(args.file))
    process_s = best_of(args.repeat, lambda: fresh_process(args.file))
    pandas_s = best_of(args.repeat, lambda: pandas.read_csv(args.file, dtype=str))

    print(f"file: {args.file} ({rows} rows, best of {args.repeat})")
    print(f"importer (file -> entries):      {rows / importer_s:9,.0f} rows/s "
          f"({importer_s * 1000:.0f} ms)")
    print(f"cwl import (-> written ledger):  {rows / command_s:9,.0f} rows/s "
          f"({command_s * 1000:.0f} ms)")
    print(f"cwl import, a fresh process:     {rows / process_s:9,.0f} rows/s "
          f"({process_s * 1000:.0f} ms)  target >= {TARGET:,}: "
          f"{'met' if rows / process_s >= TARGET else 'NOT met'}")
    print(f"pandas.read_csv(dtype=str):      {rows / pandas_s:9,.0f} rows/s "
          f"({pandas_s * 1000:.0f} ms)")
    print(f"importer / pandas: {pandas_s / importer_s:.2f}x the speed "
          f"(pandas is {importer_s / pandas_s:.1f}x faster, and only splits text)")
    print(f"cwl import / pandas: {pandas_s / command_s:.2f}x")


if __name__ == "__main__":
    main()
