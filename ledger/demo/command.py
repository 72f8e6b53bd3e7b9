"""``cwl demo OUTDIR [--size N] [--seed S] [--no-plugins] [--force]``."""

from __future__ import annotations

import argparse
import sys


def run(args: argparse.Namespace) -> int:
    from ledger.demo.folder import FolderRefused
    from ledger.demo.generator import generate

    try:
        summary = generate(args.outdir, size=args.size, seed=args.seed, plugins=args.plugins,
                           force=args.force)
    except FolderRefused as exc:
        print(f"cwl demo: {exc}", file=sys.stderr)
        return 2
    except (ValueError, OSError) as exc:
        print(f"cwl demo: {args.outdir}: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {summary.main} ({summary.transactions} transactions, "
          f"{summary.faults} planted faults)")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    sub = commands.add_parser("demo", help="write the demo council ledger")
    sub.add_argument("outdir", help="directory to write main.beancount and inputs/ into: "
                                    "empty, new, or holding an earlier demo")
    sub.add_argument("--size", type=int, default=None,
                     help="total transactions (default: the core books only, about 2,000)")
    sub.add_argument("--seed", type=int, default=2020, help="random seed (default 2020)")
    sub.add_argument("--no-plugins", dest="plugins", action="store_false",
                     help="leave out 'plugin \"rules.all\"' (plain Beancount books)")
    sub.add_argument("--force", action="store_true",
                     help="write into a folder that holds files the demo did not write "
                          "(they are kept: none is ever overwritten or deleted)")
    sub.set_defaults(run=run)
