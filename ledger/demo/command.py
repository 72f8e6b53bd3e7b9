"""``cwl demo OUTDIR [--size N] [--seed S] [--no-plugins] [--force]
[--councils N] [--national-key-file FILE | --national-key-env NAME]
[--kind council|community-org]``."""

from __future__ import annotations

import argparse
import sys


def run(args: argparse.Namespace) -> int:
    from ledger.demo.folder import FolderRefused
    from ledger.demo.generator import generate
    from national.key import KeyProblem, read_key

    try:
        key = read_key(args.national_key_file, args.national_key_env)
    except KeyProblem as exc:
        print(f"cwl demo: {exc}", file=sys.stderr)
        return 2
    if args.kind == "community-org":
        return _community_org(args)
    if args.councils is not None:
        return _councils(args, key)
    try:
        summary = generate(args.outdir, size=args.size, seed=args.seed, plugins=args.plugins,
                           force=args.force, national_key=key)
    except FolderRefused as exc:
        print(f"cwl demo: {exc}", file=sys.stderr)
        return 2
    except (ValueError, OSError) as exc:
        print(f"cwl demo: {args.outdir}: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {summary.main} ({summary.transactions} transactions, "
          f"{summary.faults} planted faults)")
    return 0


def _community_org(args: argparse.Namespace) -> int:
    """``--kind community-org``: a food bank's own books."""
    from ledger.demo.community_org import generate_community_org
    from ledger.demo.folder import FolderRefused

    if args.councils is not None or args.size is not None:
        print("cwl demo: --kind community-org takes no --councils or --size",
              file=sys.stderr)
        return 2
    try:
        summary = generate_community_org(args.outdir, seed=args.seed, plugins=args.plugins,
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


def _councils(args: argparse.Namespace, key: bytes | None) -> int:
    """``--councils N``: N councils' books and what they share."""
    from ledger.demo.councils import PLANTED, generate_councils
    from ledger.demo.folder import FolderRefused

    if key is None:
        print(f"cwl demo: --councils needs the consolidator's national key: give "
              f"--national-key-file FILE or set ${args.national_key_env}", file=sys.stderr)
        return 2
    try:
        summaries = generate_councils(args.outdir, args.councils, key, size=args.size,
                                      seed=args.seed, plugins=args.plugins, force=args.force)
    except FolderRefused as exc:
        print(f"cwl demo: {exc}", file=sys.stderr)
        return 2
    except (ValueError, OSError) as exc:
        print(f"cwl demo: {args.outdir}: {exc}", file=sys.stderr)
        return 2
    for summary in summaries:
        print(f"wrote {summary.main} ({summary.transactions} transactions, "
              f"{len(summary.shared)} shared grants)")
    print(f"wrote {args.outdir}/{PLANTED} (what the councils share)")
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
    sub.add_argument("--councils", type=int, metavar="N",
                     help="write N different councils into OUTDIR/council-NN, with planted "
                          "shared payees for `cwl national` (needs the national key)")
    sub.add_argument("--national-key-file", metavar="FILE",
                     help="the consolidator's key for bank-fingerprint-national "
                          "(never written into the books)")
    sub.add_argument("--national-key-env", metavar="NAME", default="CWL_NATIONAL_KEY",
                     help="the environment variable holding that key when no file is given "
                          "(default CWL_NATIONAL_KEY)")
    sub.add_argument("--kind", choices=("council", "community-org"), default="council",
                     help="whose books: the council's (default), or a community "
                          "organisation's own (a food bank with restricted funds)")
    sub.set_defaults(run=run)
