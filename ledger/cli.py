"""The ``cwl`` command line.

Each command lives in the package that owns its work and registers itself
here through a ``register(subparsers)`` function; commands that are not built
yet say so plainly instead of failing obscurely.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from importers import command as import_command
from ledger import checking
from ledger.demo import command as demo_command
from reports.exports import command as export_command
from reports import command as report_command
from reports.fava import command as serve_command

# Commands that later work will build, with what they will do.
NOT_BUILT = {
    "import": "import council files (transparency spend, 360Giving, OCDS, bank CSV)",
    "report": "render the social value, balance sheet, claim and grant panel PDFs",
    "serve": "serve the ledger in Fava with the finance officers' pages",
    "export": "publish transparency spend and 360Giving data",
}

REGISTERED: list[Callable[[argparse._SubParsersAction], None]] = [
    demo_command.register,
    checking.register,
    export_command.register,
    import_command.register,
    report_command.register,
    serve_command.register,
]


def _not_built(name: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        print(f"cwl {name}: not built yet ({NOT_BUILT[name]}).", file=sys.stderr)
        return 2

    return run


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="cwl",
        description="Community Wealth Ledger: councils' COVID-era books on Beancount.",
    )
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for register in REGISTERED:
        register(commands)
    for name, summary in NOT_BUILT.items():
        if name not in commands.choices:
            sub = commands.add_parser(name, help=f"(not built yet) {summary}")
            sub.add_argument("rest", nargs=argparse.REMAINDER)
            sub.set_defaults(run=_not_built(name))
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
