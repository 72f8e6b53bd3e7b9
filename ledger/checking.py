"""``cwl check``: load a ledger with the rule plugins it enables and list
every error as ``file:line: message``, the form editors and CI understand.

Also what every command checks of the paths it is given before it reads or
writes anything (``ledger_problem``, ``output_file_problem``,
``output_folder_problem``: a ``path: reason`` message, or None), and the
refusal to publish from broken declarations (``refuse_config_errors``).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from ledger.config import ConfigError
from ledger.loading import load


def ledger_problem(path: str | Path) -> str | None:
    """Why ``path`` cannot be read as a ledger, as ``path: reason``."""
    ledger = Path(path)
    if ledger.is_dir():
        return f"{path}: is a folder, not a ledger file"
    if not ledger.exists():
        return f"{path}: no such ledger file"
    if not ledger.is_file():
        return f"{path}: not a regular file"
    if not os.access(ledger, os.R_OK):
        return f"{path}: cannot be read (permission denied)"
    return None


def output_file_problem(path: str | Path) -> str | None:
    """Why a file cannot be written at ``path``, as ``path: reason``."""
    out = Path(path)
    if out.is_dir():
        return f"{path}: is a folder; give a file name"
    if out.exists() and not out.is_file():
        return f"{path}: not a regular file"
    folder = out.parent
    if not folder.exists():
        return f"{path}: its folder {folder} does not exist"
    if not folder.is_dir():
        return f"{path}: {folder} is not a folder"
    if out.exists() and not os.access(out, os.W_OK):
        return f"{path}: cannot be written (permission denied)"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"{path}: cannot write in {folder} (permission denied)"
    return None


def output_folder_problem(path: str | Path) -> str | None:
    """Why files cannot be written into the folder ``path`` (to be made if
    it does not exist yet), as ``path: reason``."""
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        return f"{path}: is a file, not a folder"
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        return f"{path}: {existing} is a file, not a folder"
    if not os.access(existing, os.W_OK | os.X_OK):
        where = "the folder" if existing == folder else existing
        return f"{path}: cannot write in {where} (permission denied)"
    return None


def period_problem(start: object, end: object) -> str | None:
    """Why ``--from``/``--to`` make no period, or None."""
    if start and end and start > end:
        return "--from is after --to"
    return None


def config_errors(errors: Iterable[Any]) -> list[Any]:
    """The configuration errors among a load's errors: a broken ``cwl-*``
    declaration is left out of the configuration, so an individual it
    declared would be named."""
    return [e for e in errors if isinstance(e, ConfigError)]


def refuse_config_errors(errors: Iterable[Any], force: bool, what: str,
                         err: TextIO | None = None) -> bool:
    """Print the configuration errors; True when they must stop ``what``
    (nothing written), False when there are none or ``force`` is given."""
    err = err or sys.stderr
    broken = config_errors(errors)
    if not broken:
        return False
    for error in broken:
        print(format_error(error), file=err)
    if force:
        print(f"warning: {len(broken)} configuration error(s); {what} anyway (--force): "
              "a person declared in a broken cwl-organisation may be named", file=err)
        return False
    print(f"{len(broken)} configuration error(s); {what} not written: a broken cwl-* "
          "declaration is left out of the configuration, so an individual it declares "
          "could be named. Fix them, or give --force", file=err)
    return True


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
    ledger = load(path)
    for error in ledger.errors:
        print(format_error(error), file=out)
    if ledger.errors:
        print(f"{len(ledger.errors)} error(s)", file=sys.stderr)
        return 1
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    sub = commands.add_parser("check", help="check a ledger and list its errors")
    sub.add_argument("ledger", help="the main .beancount file")
    sub.set_defaults(run=lambda args: check(args.ledger))
