"""``cwl serve [LEDGER] [--host H] [--port P] [--read-write]
[--allow-remote-writes]``: Fava with the Community Wealth pages.

Without a ledger the bundled demo is written to a cache folder first (once,
by ``cwl demo``'s own safe path), so anyone can look around. Fava listens on
127.0.0.1 and refuses every change unless ``--host`` and ``--read-write``
say otherwise: books under audit should not be edited by whoever reaches the
port. Fava's own journal, query and source views are not redacted, so a
host other than loopback is warned about, and ``--read-write`` on one is
refused without ``--allow-remote-writes``.

Every request must name the served host in its ``Host`` header (for a
loopback bind: 127.0.0.1, localhost or ::1): a web page whose domain is
re-pointed at 127.0.0.1 (DNS rebinding) could otherwise read the books
through the visitor's browser.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cli.paths import ledger_problem
from reports.fava.served_host import ServedHostOnly, remote_warning, remote_write_problem

if TYPE_CHECKING:
    from flask import Flask

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 5000
def demo_ledger(cache: Path | None = None) -> Path:
    """The demo's main file in the user's cache (see ``generator.demo_ledger``)."""
    from ledger.demo.generator import demo_ledger as in_folder
    from ledger.loading import user_cache

    return in_folder((cache / "cwl" if cache else user_cache()) / "demo-ledger")


def create_app(ledger: Path, *, read_only: bool = True, host: str = DEFAULT_HOST) -> Flask:
    """Fava on ``ledger``, loaded now, with our pages on every ledger,
    answering only requests for ``host`` (``ServedHostOnly``).

    A ledger that does not declare ``custom "fava-extension" "reports.fava"``
    gets the pages for this session anyway: Fava only finds extensions in
    the ledger, so the instance is added to its extension registry (which
    keeps it across reloads) rather than asking the user to edit the books.
    Read-write, Fava's Import page offers ``cwl import``'s importers the
    same way (``ImportPage``), unless the ledger names an import config.
    """
    from fava.application import create_app as fava_app

    from reports.fava import CommunityWealth
    from reports.fava.import_page import ImportPage

    # Beancount's loader wants an absolute path (it asserts one).
    app = fava_app([str(Path(ledger).resolve())], load=True, read_only=read_only)
    added = [CommunityWealth] if read_only else [CommunityWealth, ImportPage]
    for _, fava_ledger in app.config["LEDGERS"].items():
        registry = fava_ledger.extensions
        for kind in added:
            if registry.get_extension(kind.__name__) is None:
                extension = kind(fava_ledger)
                registry._instances[extension.name] = extension  # noqa: SLF001
                extension.after_load_file()
    app.wsgi_app = ServedHostOnly(app.wsgi_app, host)  # type: ignore[method-assign]
    return app


def run(args: argparse.Namespace) -> int:
    from ledger.demo.folder import FolderRefused

    problem = remote_write_problem(args.host, args.read_write, args.allow_remote_writes)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    try:
        ledger = Path(args.ledger) if args.ledger else demo_ledger()
    except FolderRefused as error:
        print(error, file=sys.stderr)
        return 2
    except OSError as error:
        print(f"{error.filename or 'cwl serve'}: cannot write the demo ledger "
              f"({error.strerror or error})", file=sys.stderr)
        return 2
    problem = ledger_problem(ledger)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    warning = remote_warning(args.host, args.port)
    if warning:
        print(warning, file=sys.stderr)
    ledger = ledger.resolve()
    from cheroot.wsgi import Server

    app = create_app(ledger, read_only=not args.read_write, host=args.host)
    mode = "read-write" if args.read_write else "read-only"
    print(f"Serving {ledger} ({mode}) on http://{args.host}:{args.port}/", flush=True)
    server = Server((args.host, args.port), app)
    try:
        server.start()
    except KeyboardInterrupt:
        server.stop()
    except OSError as error:
        print(f"cwl serve: cannot listen on {args.host}:{args.port}: {error}",
              file=sys.stderr)
        return 2
    return 0


def _port(text: str) -> int:
    """``--port``: a TCP port, 1 to 65535."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port (1 to 65535)")
    return port


def register(commands: argparse._SubParsersAction) -> None:
    sub = commands.add_parser(
        "serve", help="serve the ledger in Fava with the finance officers' pages")
    sub.add_argument("ledger", nargs="?",
                     help="the main .beancount file (default: the demo, in a cache folder)")
    sub.add_argument("--host", default=DEFAULT_HOST,
                     help=f"address to listen on (default: {DEFAULT_HOST}; any other "
                          "lets whoever reaches the port read the books)")
    sub.add_argument("--port", type=_port, default=DEFAULT_PORT,
                     help=f"port to listen on (default: {DEFAULT_PORT})")
    sub.add_argument("--read-write", action="store_true",
                     help="let Fava change the ledger files (default: read-only)")
    sub.add_argument("--allow-remote-writes", action="store_true",
                     help="allow --read-write with a --host other than loopback "
                          "(anyone who reaches the port could change the books)")
    sub.set_defaults(run=run)
