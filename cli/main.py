"""The ``cwl`` command line.

Each command lives in the package that owns its work and registers itself
through a ``register(subparsers)`` function. Only the module of the command
being run is imported, so ``cwl check`` does not pay for WeasyPrint, pandas
or Fava.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# Command name -> the module whose ``register`` adds it, in help order.
COMMANDS = {
    "demo": "ledger.demo.command",
    "check": "cli.check",
    "import": "importers.command",
    "report": "reports.command",
    "serve": "reports.fava.command",
    "export": "reports.exports.command",
}


def parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser, with every command or just ``only``."""
    top = argparse.ArgumentParser(
        prog="cwl",
        description="Community Wealth Ledger: councils' COVID-era books on Beancount.",
    )
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, module in COMMANDS.items():
        if only in (None, name):
            importlib.import_module(module).register(commands)
    return top


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    only = argv[0] if argv and argv[0] in COMMANDS else None
    args = parser(only).parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
