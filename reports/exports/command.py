"""``cwl export``: publish transparency spend and 360Giving grants.

``cwl export spend LEDGER --out FILE.csv`` writes payments over £500 in the
Local Government Transparency Code layout; ``cwl export 360giving LEDGER
--out FILE.json|FILE.csv`` writes grants awarded in the 360Giving Data
Standard. Both redact individuals (``ledger.redaction``) and say on stdout
how many rows they wrote, how many they redacted, and which payees they held
back because they look like people, for review. Both fail closed: a ledger
with broken ``cwl-*`` declarations or lines Beancount could not parse is not
exported unless ``--force`` is given, and neither writes over the books.
``cwl export 360giving --check`` also runs 360Giving's data-quality checks
(``reports.exports.quality``) on what it wrote and exits 1 when a grant
fails one.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from collections.abc import Callable
from pathlib import Path

from cli.arguments import add_force, add_period, amount, period_problem
from cli.paths import ledger_problem, output_file_problem, overwrite_problem
from cli.publishing import open_to_publish
from reports.exports import giving360, quality, schema, spend
from reports.exports.files import replace_atomically
from reports.exports.giving360_csv import write_csv
from rules.session import Session


def _prepare(args: argparse.Namespace) -> Session | int:
    """The books to export, or the exit status when the export cannot go
    on. Paths and dates are checked before anything is read or written."""
    problem = (ledger_problem(args.ledger) or output_file_problem(args.out)
               or period_problem(args.start, args.end))
    if problem:
        print(problem, file=sys.stderr)
        return 2
    session = open_to_publish(args.ledger, args.force, "the export")
    if session is None:
        return 1
    problem = overwrite_problem(args.out, session.options.get("include") or [args.ledger])
    if problem:
        print(problem, file=sys.stderr)
        return 2
    return session


def _suffix_problem(out: Path, suffixes: tuple[str, ...]) -> str | None:
    if out.suffix.lower() in suffixes:
        return None
    return f"{out}: the file must end {' or '.join(suffixes)}"


def _report_held_back(payees: tuple[str, ...]) -> None:
    """Tell the officer which payees were held back as looking like people."""
    if payees:
        print(f"held back {len(payees)} payee(s) that look like people (a title, "
              "t/a or an individual's surname) but are not declared organisations; "
              "declare each with cwl-organisation to publish it, or individual: TRUE:")
        for payee in payees:
            print(f"  {payee}")


def _cannot_write(out: Path, error: OSError) -> int:
    print(f"{out}: cannot write ({error.strerror or error})", file=sys.stderr)
    return 2


def export_spend(args: argparse.Namespace) -> int:
    problem = _suffix_problem(Path(args.out), (".csv",))
    if problem:
        print(problem, file=sys.stderr)
        return 2
    session = _prepare(args)
    if isinstance(session, int):
        return session
    rows = spend.spend_rows(session, args.start, args.end, args.threshold)
    try:
        summary = spend.write_spend_csv(rows, session.config, Path(args.out))
    except OSError as error:
        return _cannot_write(Path(args.out), error)
    print(f"wrote {summary.rows} rows to {args.out} "
          f"({summary.redacted} redacted as personal data)")
    _report_held_back(summary.for_review)
    return 0


def export_360giving(args: argparse.Namespace) -> int:
    out = Path(args.out)
    problem = _suffix_problem(out, (".json", ".csv"))
    if problem:
        print(problem, file=sys.stderr)
        return 2
    session = _prepare(args)
    if isinstance(session, int):
        return session
    try:
        prefix = args.prefix or giving360.default_prefix(session.config)
    except ValueError as exc:
        print(f"{args.ledger}: {exc}", file=sys.stderr)
        return 2
    awards = giving360.published_awards(session.grants, args.start, args.end)
    if not awards:
        print("no grants awarded in the period; nothing written", file=sys.stderr)
        return 1
    published = giving360.package(awards, session, prefix)
    package = published.data
    problems = schema.problems(package) + quality.codelist_problems(package)
    if problems:
        for problem in problems:
            print(f"360Giving schema: {problem}", file=sys.stderr)
        print(f"{out}: not written, the grants break the 360Giving schema", file=sys.stderr)
        return 1
    try:
        if out.suffix.lower() == ".json":
            with replace_atomically(out) as handle:
                handle.write(giving360.to_json(package))
        else:
            write_csv(package, out)
    except OSError as error:
        return _cannot_write(out, error)
    print(f"wrote {len(package['grants'])} grants to {out} "
          f"({published.individuals} to individuals, redacted as personal data)")
    _report_locations(published)
    _report_held_back(published.for_review)
    if args.check:
        return _report_quality(package, datetime.date.today())
    return 0


def export_parquet(args: argparse.Namespace) -> int:
    """Every posting as one Parquet row, for the national view
    (``reports.exports.parquet``)."""
    out = Path(args.out)
    problem = _suffix_problem(out, (".parquet",))
    if problem:
        print(problem, file=sys.stderr)
        return 2
    try:
        import pyarrow  # noqa: F401  (the optional [national] extra)
    except ImportError:
        print("cwl export parquet needs pyarrow: pip install "
              "'community-wealth-ledger[national]'", file=sys.stderr)
        return 2
    from reports.exports import parquet

    session = _prepare(args)
    if isinstance(session, int):
        return session
    try:
        flat = parquet.write_parquet(session, out)
    except parquet.ExportProblem as exc:
        print(f"{exc}; {out} not written", file=sys.stderr)
        return 1
    except OSError as error:
        return _cannot_write(out, error)
    print(f"wrote {flat.rows} postings to {out} "
          f"({flat.personal} of an individual's, redacted as personal data)")
    return 0


def _report_locations(published: giving360.Package) -> None:
    """Say which grants the council's own district stands in for."""
    council = published.council
    if published.located_by_council and council is not None:
        print(f"beneficiary location: {published.located_by_council} grant(s) to "
              "organisations whose postcode is missing or not in the shipped code list "
              f"are placed in the council's own district, {council.name} ({council.code})")
    if published.unlocated:
        print(f"beneficiary location: {published.unlocated} grant(s) have none: no postcode "
              "maps and the council's own district is not known (declare gss-code on "
              "cwl-area)")


def _report_quality(package: dict, today: datetime.date) -> int:
    """The 360Giving data-quality checks, one line per grant and check;
    1 when any grant fails one (notices alone pass)."""
    found = quality.problems(package, today)
    failing = [p for p in found if not p.notice]
    notices = [p for p in found if p.notice]
    for problem in failing:
        print(f"  {problem.line()}")
    for problem in notices:
        print(f"  notice: {problem.line()}")
    count = len(package["grants"])
    if failing:
        grants = len({p.grant_id for p in failing})
        print(f"360Giving data-quality checks: {len(failing)} problem(s) in {grants} of "
              f"{count} grant(s), {len(notices)} notice(s); the file is written: fix the "
              "books and export again")
        return 1
    print(f"360Giving data-quality checks: passed, {count} grant(s), "
          f"{len(notices)} notice(s)")
    return 0


def _common(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("ledger", help="the main .beancount file")
    add_period(sub, "the ledger's first day")
    add_force(sub, "export")


def _usage(parser: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    """``cwl export`` alone: say which exports there are."""

    def run(args: argparse.Namespace) -> int:
        parser.print_help(sys.stderr)
        return 2

    return run


def register(commands: argparse._SubParsersAction) -> None:
    export = commands.add_parser("export", help="publish transparency spend and 360Giving data")
    export.set_defaults(run=_usage(export))
    kinds = export.add_subparsers(dest="kind", metavar="KIND")

    sub = kinds.add_parser("spend", help="payments over a threshold, Transparency Code CSV")
    _common(sub)
    sub.add_argument("--out", required=True, metavar="FILE.csv", help="the CSV to write")
    sub.add_argument("--threshold", type=amount, default=spend.DEFAULT_THRESHOLD,
                     metavar="GBP", help="publish payments over this amount (default 500)")
    sub.set_defaults(run=export_spend)

    sub = kinds.add_parser("360giving", help="grants awarded, 360Giving JSON or CSV")
    _common(sub)
    sub.add_argument("--out", required=True, metavar="FILE.json|FILE.csv",
                     help="the file to write; its suffix picks the form")
    sub.add_argument("--prefix", help="the council's 360Giving prefix "
                     "(default 360G-<org-id from cwl-settings>)")
    sub.add_argument("--check", action="store_true",
                     help="also run 360Giving's data-quality checks on the grants written; "
                          "exit 1 when one fails")
    sub.set_defaults(run=export_360giving)

    sub = kinds.add_parser("parquet", help="every posting, Parquet, for `cwl national`")
    sub.add_argument("ledger", help="the main .beancount file")
    add_force(sub, "export")
    sub.add_argument("--out", required=True, metavar="FILE.parquet",
                     help="the Parquet file to write")
    sub.set_defaults(run=export_parquet, start=None, end=None)
