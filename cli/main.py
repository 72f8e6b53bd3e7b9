"""The ``cwl`` command line.

Each command lives in the package that owns its work and registers itself
through a ``register(subparsers)`` function. Only the module of the command
being run is imported, so ``cwl check`` does not pay for WeasyPrint, pandas
or Fava.

``cwl --version`` prints the installed distribution's version. Ctrl-C in
any command ends it with one line and exit status 130, the shell's for
SIGINT: every command writes its files whole or not at all, so the files
are as they were.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import NoReturn

DISTRIBUTION = "community-wealth-ledger"
INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C

# Command name -> the module whose ``register`` adds it, in help order.
COMMANDS = {
    "demo": "ledger.demo.command",
    "check": "cli.check",
    "import": "importers.command",
    "report": "reports.command",
    "serve": "reports.fava.command",
    "export": "reports.exports.command",
    "national": "national.command",
}


# Commands that write nothing but what they print, and so may end without
# freeing the books object by object (0.15 s of ``cwl check`` at 100k).
FAST_EXIT = frozenset({"check"})


def version() -> str:
    """``cwl <version>`` of the installed distribution."""
    from importlib import metadata  # only here: it costs every command 20 ms

    try:
        return f"cwl {metadata.version(DISTRIBUTION)}"
    except metadata.PackageNotFoundError:
        return f"cwl (version unknown: {DISTRIBUTION} is not installed)"


class _Version(argparse.Action):
    """``--version`` anywhere on the line, read only when asked for."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        parser.exit(message=version() + "\n")


def parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser, with every command or just ``only``."""
    top = argparse.ArgumentParser(
        prog="cwl",
        description="Community Wealth Ledger: councils' COVID-era books on Beancount.",
    )
    top.add_argument("--version", action=_Version, nargs=0,
                     help="show the version and exit")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, module in COMMANDS.items():
        if only in (None, name):
            importlib.import_module(module).register(commands)
    return top


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["--version"]:  # without importing every command's module
        print(version())
        return 0
    only = argv[0] if argv and argv[0] in COMMANDS else None
    try:
        args = parser(only).parse_args(argv)
        return args.run(args)
    except KeyboardInterrupt:
        print("cwl: interrupted; files left as they were", file=sys.stderr)
        return INTERRUPTED


def run() -> NoReturn:
    """The ``cwl`` program: ``main``, then exit with its status. After a
    command in ``FAST_EXIT`` the process ends without freeing what it
    loaded object by object: the operating system frees it at once."""
    code = main()
    if sys.argv[1:2] and sys.argv[1] in FAST_EXIT:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    run()
