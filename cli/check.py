"""``cwl check``: load a ledger with the rule plugins it enables and list
every error as ``file:line: message``, the form editors and CI understand."""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from cli.paths import ledger_problem
from rules.session import Session


def format_error(error: Any) -> str:
    source = error.source or {}
    filename = source.get("filename", "<unknown>")
    lineno = source.get("lineno", 0)
    message = " ".join(str(error.message).split())
    return f"{filename}:{lineno}: {message}"


def check(path: str, out: TextIO | None = None) -> int:
    """Print each error; 1 when there are any, else 0."""
    out = out or sys.stdout
    problem = ledger_problem(path)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    session = Session.load(path)
    for error in session.errors:
        print(format_error(error), file=out)
    if session.errors:
        print(f"{len(session.errors)} error(s)", file=sys.stderr)
        return 1
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    sub = commands.add_parser("check", help="check a ledger and list its errors")
    sub.add_argument("ledger", help="the main .beancount file")
    sub.set_defaults(run=lambda args: check(args.ledger))
