"""``cwl check``: load a ledger with the rule plugins it enables and list
every error as ``file:line: message``, the form editors and CI understand.

``--loader uromyces`` (the default when the ``fast`` extra is installed)
loads the books with uromyces instead of Beancount (``ledger/fast_load.py``):
the same findings, sooner. ``--loader beancount`` forces Beancount.

Errors come sorted by file and line. A file that is no ledger at all (a PDF,
a spreadsheet, a CSV given by mistake) gets one line saying so, not the
hundreds of syntax errors Beancount would find in it.
"""

from __future__ import annotations

import argparse
import codecs
import itertools
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from cli.paths import ledger_problem
from ledger import fast_load
from ledger.broken_lines import PARSE_ERRORS

if TYPE_CHECKING:
    from rules.session import Session

# How much of a file is sniffed for binary data or another encoding, as git
# and grep decide a file is binary from its first few kilobytes.
SNIFF_BYTES = 8192
# Files one would rather import than check.
IMPORTABLE = {".csv", ".json", ".xml", ".xls", ".xlsx", ".ods"}
# A line only a ledger has: a dated directive or an option, plugin, include
# or tag line. A CSV row starts ``2020-06-01,``, not with a date and a space.
LEDGER_LINE = re.compile(
    r"^(\d{4}[-/]\d{1,2}[-/]\d{1,2}\s|(option|plugin|include|pushtag|poptag|pushmeta|popmeta)\s)")
# ``ValueError: ...`` as Beancount passes Python's exceptions on, and the
# ``(/path/to/grammar.py:123)`` it may add.
EXCEPTION_PREFIX = re.compile(r"^(?:[A-Za-z_][\w.]*\.)?[A-Z]\w*(?:Error|Exception): ")
PYTHON_SOURCE = re.compile(r"\s*\([^()]*\.py:\d+\)$")
# What ``datetime.date`` says of a date that does not exist.
DATE_PROBLEMS = ("day is out of range for month", "month must be in 1..12", "is out of range")
DATE = re.compile(r"\d{4}[-/]\d{1,2}[-/]\d{1,2}")
BOM = "\ufeff"  # as Windows editors start UTF-8 files
LOADERS = ("uromyces", "beancount")


def _source_line(filename: str, lineno: int) -> str:
    """Line ``lineno`` of ``filename``, or "" (read up to it, not all of a
    big ledger)."""
    try:
        with open(filename, encoding="utf-8", errors="replace") as handle:
            return next(itertools.islice(handle, lineno - 1, None), "")
    except (OSError, ValueError, TypeError):
        return ""


def error_message(error: Any) -> str:
    """The error's message on one line, in the ledger's words: no Python
    exception names or Python source locations."""
    message = " ".join(str(error.message).split())
    if BOM in message:
        return ("a byte-order mark (BOM), which Beancount cannot read, makes it skip this "
                "line: save the file as UTF-8 without BOM")
    plain = PYTHON_SOURCE.sub("", EXCEPTION_PREFIX.sub("", message))
    if plain != message and any(p in plain for p in DATE_PROBLEMS):
        source = error.source or {}
        found = DATE.match(_source_line(source.get("filename"), source.get("lineno") or 0))
        if found:
            return f"invalid date {found.group()} ({plain})"
    return plain


def format_error(error: Any) -> str:
    source = error.source or {}
    filename = source.get("filename", "<unknown>")
    lineno = source.get("lineno", 0)
    return f"{filename}:{lineno}: {error_message(error)}"


def sort_errors(errors: list[Any]) -> list[Any]:
    """By file, then line; errors with no file last, each group in its
    first order."""
    def key(error: Any) -> tuple:
        source = error.source or {}
        filename = source.get("filename")
        if not filename:
            return (1, "", 0)
        return (0, str(filename), source.get("lineno") or 0)
    return sorted(errors, key=key)


def _sniff(path: str) -> str | None:
    """Why the start of ``path`` shows it is no ledger text, or None."""
    with open(path, "rb") as handle:
        head = handle.read(SNIFF_BYTES)
    if not head.strip():
        return "the file is empty"
    if head.startswith(b"%PDF-"):
        return "a PDF document"
    if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        return "a spreadsheet or other Office or ZIP file"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16 text; save it as UTF-8"
    if b"\0" in head:
        return "binary data"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError as exc:
        line = head[:exc.start].count(b"\n") + 1
        return f"not UTF-8 text: byte 0x{head[exc.start]:02X} on line {line}; save it as UTF-8"
    return None


def _syntax_only(path: str, session: Session) -> str | None:
    """Why a file Beancount found no directive in, only syntax errors, is no
    ledger; None when it has a line only a ledger has (such as a directive
    with a bad date), whose errors are then worth listing."""
    if session.entries or not session.errors or not all(
            isinstance(e, PARSE_ERRORS) for e in session.errors):
        return None
    with open(path, encoding="utf-8", errors="replace") as handle:
        if any(LEDGER_LINE.match(line.lstrip(BOM)) for line in handle):
            return None
    reason = f"no directives, only {len(session.errors)} syntax error(s)"
    if Path(path).suffix.lower() in IMPORTABLE:
        reason += "; to bring its rows into a ledger use `cwl import`"
    return reason


def default_loader() -> str:
    """uromyces when it is installed, else Beancount."""
    return "uromyces" if fast_load.available() else "beancount"


def _load(path: str, loader: str) -> Session:
    if loader == "uromyces":
        # The rules are imported while uromyces parses (fast_load).
        books = fast_load.load_books_fast(path)
        from rules.session import Session  # noqa: PLC0415
        return Session(*books)
    from rules.session import Session  # noqa: PLC0415
    return Session.load(path)


def check(path: str, out: TextIO | None = None, loader: str | None = None) -> int:
    """Print each error; 1 when there are any, 2 when ``path`` is no ledger,
    else 0."""
    out = out or sys.stdout
    loader = loader or default_loader()
    if loader == "uromyces" and not fast_load.available():
        print("uromyces is not installed: pip install 'community-wealth-ledger[fast]', "
              "or use --loader beancount", file=sys.stderr)
        return 2
    problem = ledger_problem(path)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    session = None
    not_ledger = _sniff(path)
    if not not_ledger:
        session = _load(path, loader)
        not_ledger = _syntax_only(path, session)
    if not_ledger or session is None:
        print(f"{path}: not a Beancount ledger ({not_ledger})", file=sys.stderr)
        return 2
    errors = sort_errors(session.errors)
    for error in errors:
        print(format_error(error), file=out)
    if errors:
        print(f"{len(errors)} error(s)", file=sys.stderr)
        return 1
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    sub = commands.add_parser("check", help="check a ledger and list its errors")
    sub.add_argument("ledger", help="the main .beancount file")
    sub.add_argument("--loader", choices=LOADERS, default=None,
                     help="who loads the books: uromyces (faster; the default when "
                          "installed) or beancount")
    sub.set_defaults(run=lambda args: check(args.ledger, loader=args.loader))
