"""``cwl report {social-value,balance-sheet,claim,grants-panel,all} [LEDGER]
--out DIR [--from DATE] [--to DATE] [--force]``: one PDF per report, each
path printed.

Reports fail closed: when a ``cwl-*`` declaration is broken (and so left out
of the configuration, perhaps with the ``individual: TRUE`` that hides a
person) the errors are printed and nothing is written, unless ``--force``.
Other ledger errors are counted on stderr; the reports are still written.

Without a ledger the bundled demo is written to ``DIR/demo-ledger/`` first
(once: an existing demo there is reused), so anyone can see the reports.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ledger.checking import (
    ledger_problem,
    output_file_problem,
    output_folder_problem,
    period_problem,
    refuse_config_errors,
)
from ledger.loading import load
from reports.models import balance_sheet, claim_pack, grants_panel, social_value
from reports.models.common import Books
from reports.pdf.renderer import write_pdf

# Report name on the command line -> (model builder, PDF file name).
REPORTS: dict[str, tuple[Callable[[Books], Any], str]] = {
    "social-value": (social_value.build, "social-value.pdf"),
    "balance-sheet": (balance_sheet.build, "balance-sheet.pdf"),
    "claim": (claim_pack.build, "claim-pack.pdf"),
    "grants-panel": (grants_panel.build, "grants-panel.pdf"),
}


def demo_ledger(out: Path) -> Path:
    """The demo ledger under ``out``, written if it is not there yet."""
    from ledger.demo.generator import generate

    folder = out / "demo-ledger"
    main = folder / "main.beancount"
    if not main.exists():
        generate(folder)
    return main


def write_reports(books: Books, names: list[str], out: Path) -> list[Path]:
    """Build and render each named report into ``out``."""
    paths = []
    for name in names:
        build, filename = REPORTS[name]
        paths.append(write_pdf(build(books), out / filename))
    return paths


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    problem = output_folder_problem(out)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    problem = period_problem(args.start, args.end)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    try:
        ledger = Path(args.ledger) if args.ledger else demo_ledger(out)
    except OSError as error:
        print(f"{error.filename or out}: cannot write the demo ledger "
              f"({error.strerror or error})", file=sys.stderr)
        return 2
    problem = ledger_problem(ledger)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    names = list(REPORTS) if args.report == "all" else [args.report]
    for name in names if out.exists() else []:
        problem = output_file_problem(out / REPORTS[name][1])
        if problem:
            print(problem, file=sys.stderr)
            return 2
    loaded = load(str(ledger))
    if refuse_config_errors(loaded.errors, args.force, "reports"):
        return 1
    if loaded.errors:
        print(f"warning: {ledger} has {len(loaded.errors)} error(s); "
              f"see `cwl check {ledger}`", file=sys.stderr)
    books = Books.from_loaded(loaded, args.produced, args.start, args.end)
    if books.period.start > books.period.end:
        print("--from is after --to", file=sys.stderr)
        return 2
    try:
        paths = write_reports(books, names, out)
    except OSError as error:
        print(f"{error.filename or out}: cannot write ({error.strerror or error})",
              file=sys.stderr)
        return 2
    for path in paths:
        print(path)
    return 0


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2020-04-01") from None


def register(commands: argparse._SubParsersAction) -> None:
    sub = commands.add_parser(
        "report", help="render the social value, balance sheet, claim and grant panel PDFs")
    sub.add_argument("report", choices=[*REPORTS, "all"], help="which report")
    sub.add_argument("ledger", nargs="?", help="the main .beancount file (default: the demo)")
    sub.add_argument("--out", required=True, help="folder to write the PDFs into")
    sub.add_argument("--from", dest="start", type=_date, default=None,
                     help="first day of the period (default: the financial year with "
                          "most transactions)")
    sub.add_argument("--to", dest="end", type=_date, default=None,
                     help="last day of the period")
    sub.add_argument("--produced", type=_date, default=datetime.date.today(),
                     help="date printed as produced on (default: today)")
    sub.add_argument("--force", action="store_true",
                     help="write the reports even when the ledger's cwl-* declarations "
                          "have errors (a broken individual's declaration could name them)")
    sub.set_defaults(run=run)
