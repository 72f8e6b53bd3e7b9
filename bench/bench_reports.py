"""Report benchmark: every PDF report on the 100k-transaction demo.

Writes the demo ledger (``generate(dir, size=100000)``, with
``plugin "rules.all"``), loads it once, then times building each report
model and rendering its PDF, and prints the figures. The budget is 10
seconds for all of them after loading. Usage:
    python bench/bench_reports.py [--size 100000] [--dir DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import datetime
import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("BEANCOUNT_DISABLE_LOAD_CACHE", "1")

from pypdf import PdfReader  # noqa: E402

from ledger.demo.generator import generate  # noqa: E402
from reports.models.books import ReportBooks  # noqa: E402
from reports.pdf.renderer import write_pdf  # noqa: E402
from reports.registry import REPORTS  # noqa: E402
from rules.session import Session  # noqa: E402

BUDGET_SECONDS = 10.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--dir", help="reuse (or write) the demo ledger here")
    parser.add_argument("--out", help="write the PDFs here (default: a temporary folder)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(args.dir or Path(scratch) / "demo")
        out = Path(args.out or Path(scratch) / "pdf")
        main_file = folder / "main.beancount"
        if not main_file.exists():
            started = time.perf_counter()
            summary = generate(folder, size=args.size)
            print(f"generate: {summary.transactions:,} transactions "
                  f"in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        ledger = Session.load(str(main_file))
        print(f"load (with rules.all): {time.perf_counter() - started:.1f} s, "
              f"{len(ledger.entries):,} entries, {len(ledger.errors)} rule errors")

        started = time.perf_counter()
        books = ReportBooks.of(ledger, datetime.date.today())
        print(f"{'report':<14} {'model s':>8} {'render s':>9} {'pages':>6}")
        for name, report in REPORTS.items():
            build, filename = report.build, report.filename
            t0 = time.perf_counter()
            model = build(books)
            t1 = time.perf_counter()
            path = write_pdf(model, out / filename)
            t2 = time.perf_counter()
            pages = len(PdfReader(path).pages)
            print(f"{name:<14} {t1 - t0:>8.2f} {t2 - t1:>9.2f} {pages:>6}")
        total = time.perf_counter() - started
        verdict = "within" if total <= BUDGET_SECONDS else "OVER"
        print(f"all reports after loading: {total:.2f} s "
              f"({verdict} the {BUDGET_SECONDS:.0f} s budget)")
        return 0 if total <= BUDGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
