"""``cwl report {social-value,balance-sheet,claim,grants-panel,relief,all} [LEDGER]
--out DIR [--from DATE] [--to DATE] [--force]``: one PDF per report, each
path printed.

Reports fail closed: when a ``cwl-*`` declaration is broken (and so left out
of the configuration, perhaps with the ``individual: TRUE`` that hides a
person) the errors are printed and nothing is written, unless ``--force``.
Other ledger errors are counted on stderr; the reports are still written.

Without a ledger the bundled demo is written to ``DIR/demo-ledger/`` first
(once: an existing demo there is reused), so anyone can see the reports; as
``cwl demo`` does, never over a file the demo did not write.

No file is destroyed: every check is made before anything is written (a PDF
may not be the ledger or a file it includes), the reports are rendered
first and then written beside their targets and renamed into place, so a
failure or Ctrl-C leaves the old PDFs as they were.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from cli.arguments import add_force, add_period, date, period_problem
from cli.paths import (
    ledger_problem,
    output_file_problem,
    output_folder_problem,
    overwrite_problem,
)
from cli.publishing import open_to_publish
from reports.models.books import ReportBooks
from reports.pdf.renderer import render_pdf, write_pdfs
from reports.registry import REPORTS, reports_for


def write_reports(books: ReportBooks, names: list[str], out: Path) -> list[Path]:
    """Build and render each named report, then write them all into ``out``
    (nothing is written when one fails to render)."""
    pdfs = [(out / REPORTS[name].filename, render_pdf(REPORTS[name].build(books)))
            for name in names]
    return write_pdfs(pdfs)


def run(args: argparse.Namespace) -> int:
    from ledger.demo.folder import FolderRefused
    from ledger.demo.generator import demo_ledger

    out = Path(args.out)
    problem = output_folder_problem(out) or period_problem(args.start, args.end)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    names = list(REPORTS) if args.report == "all" else [args.report]
    pdfs = [out / REPORTS[name].filename for name in names]
    for pdf in pdfs if out.exists() else []:
        problem = output_file_problem(pdf)
        if problem:
            print(problem, file=sys.stderr)
            return 2
    try:
        ledger = Path(args.ledger) if args.ledger else demo_ledger(out / "demo-ledger")
    except FolderRefused as error:
        print(error, file=sys.stderr)
        return 2
    except OSError as error:
        print(f"{error.filename or out}: cannot write the demo ledger "
              f"({error.strerror or error})", file=sys.stderr)
        return 2
    problem = ledger_problem(ledger)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    session = open_to_publish(ledger, args.force, "reports")
    if session is None:
        return 1
    books_files = session.options.get("include") or [ledger]
    problem = next(filter(None, (overwrite_problem(pdf, books_files) for pdf in pdfs)), None)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    if args.report == "all":
        names = reports_for(session.config.settings.kind)
    books = ReportBooks.of(session, args.produced, args.start, args.end)
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


def register(commands: argparse._SubParsersAction) -> None:
    sub = commands.add_parser(
        "report", help="render the social value, balance sheet, claim and grant panel PDFs")
    sub.add_argument("report", choices=[*REPORTS, "all"], help="which report")
    sub.add_argument("ledger", nargs="?", help="the main .beancount file (default: the demo)")
    sub.add_argument("--out", required=True, help="folder to write the PDFs into")
    add_period(sub, "the financial year with most transactions")
    sub.add_argument("--produced", type=date, default=datetime.date.today(),
                     help="date printed as produced on (default: today)")
    add_force(sub, "write the reports")
    sub.set_defaults(run=run)
