"""``cwl export``: publish transparency spend and 360Giving grants.

``cwl export spend LEDGER --out FILE.csv`` writes payments over £500 in the
Local Government Transparency Code layout; ``cwl export 360giving LEDGER
--out FILE.json|FILE.csv`` writes grants awarded in the 360Giving Data
Standard. Both redact individuals (``ledger.redaction``) and say on stdout
how many rows they wrote and how many they redacted.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ledger.loading import LoadedLedger, load
from reports.exports import giving360, schema, spend
from reports.exports.files import replace_atomically
from reports.exports.giving360_csv import write_csv


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2020-04-01") from None


def _amount(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"{text!r} is not an amount like 500") from None
    if not value.is_finite() or value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not an amount like 500")
    return value


def _load(path: str) -> LoadedLedger | None:
    """The ledger, or None (said on stderr) when there is no such file.

    Errors in the books do not stop an export (a rule's finding is no reason
    to withhold publication), but they are counted on stderr."""
    if not os.path.exists(path):
        print(f"{path}: no such ledger file", file=sys.stderr)
        return None
    ledger = load(path)
    if ledger.errors:
        print(f"warning: {path} has {len(ledger.errors)} error(s); "
              f"see `cwl check {path}`", file=sys.stderr)
    return ledger


def export_spend(args: argparse.Namespace) -> int:
    ledger = _load(args.ledger)
    if ledger is None:
        return 2
    rows = spend.spend_rows(ledger.entries, ledger.config, args.start, args.end,
                            args.threshold)
    summary = spend.write_spend_csv(rows, ledger.config, Path(args.out))
    print(f"wrote {summary.rows} rows to {args.out} "
          f"({summary.redacted} redacted as personal data)")
    return 0


def export_360giving(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.suffix.lower() not in (".json", ".csv"):
        print(f"{out}: the file must end .json or .csv", file=sys.stderr)
        return 2
    ledger = _load(args.ledger)
    if ledger is None:
        return 2
    try:
        prefix = args.prefix or giving360.default_prefix(ledger.config)
    except ValueError as exc:
        print(f"{args.ledger}: {exc}", file=sys.stderr)
        return 2
    awards = giving360.collect_awards(ledger.entries, args.start, args.end)
    if not awards:
        print("no grants awarded in the period; nothing written", file=sys.stderr)
        return 1
    package, individuals = giving360.package(awards, ledger.config, prefix)
    problems = schema.problems(package)
    if problems:
        for problem in problems:
            print(f"360Giving schema: {problem}", file=sys.stderr)
        print(f"{out}: not written, the grants break the 360Giving schema", file=sys.stderr)
        return 1
    if out.suffix.lower() == ".json":
        with replace_atomically(out) as handle:
            handle.write(giving360.to_json(package))
    else:
        write_csv(package, out)
    print(f"wrote {len(package['grants'])} grants to {out} "
          f"({individuals} to individuals, redacted as personal data)")
    return 0


def _common(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("ledger", help="the main .beancount file")
    sub.add_argument("--from", dest="start", type=_date, metavar="DATE",
                     help="first date to include (YYYY-MM-DD)")
    sub.add_argument("--to", dest="end", type=_date, metavar="DATE",
                     help="last date to include (YYYY-MM-DD)")


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
    sub.add_argument("--threshold", type=_amount, default=spend.DEFAULT_THRESHOLD,
                     metavar="GBP", help="publish payments over this amount (default 500)")
    sub.set_defaults(run=export_spend)

    sub = kinds.add_parser("360giving", help="grants awarded, 360Giving JSON or CSV")
    _common(sub)
    sub.add_argument("--out", required=True, metavar="FILE.json|FILE.csv",
                     help="the file to write; its suffix picks the form")
    sub.add_argument("--prefix", help="the council's 360Giving prefix "
                     "(default 360G-<org-id from cwl-settings>)")
    sub.set_defaults(run=export_360giving)
