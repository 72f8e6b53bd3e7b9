"""Loading books with uromyces, Beancount's loader rewritten in Rust.

uromyces (the optional ``fast`` extra) parses, books and validates the
books several times faster than Beancount. ``load_books_fast`` returns what
``ledger.loading.load_books`` returns, Beancount namedtuples included, so
the rules, the session and every output read them unchanged:

1. ``uromyces`` loads the books without running any plugin;
2. uromyces 0.0.5 cannot read a ``custom`` directive that carries metadata
   (every ``cwl-*`` declaration does): it drops it with an "Invalid number
   node" error. Those few directives, found at the lines of these errors,
   are parsed again with Beancount's own parser, at their own file and line;
3. the entries are converted to Beancount's namedtuples (uromyces'
   ``beancount_entries``), the declarations put back in Beancount's order,
   and the ledger's plugins (``rules.all``) run on them as Beancount runs
   them.

Books uromyces finds any other error in (a line it cannot parse, a failed
balance, an unopened account), or with a file starting with a byte-order
mark (which uromyces reads and Beancount does not), are loaded again with Beancount, so ``cwl
check`` reports every error in Beancount's words, the same with either
loader. Nothing is cached: the fast load is quicker than reading a cache.
"""

from __future__ import annotations

import contextlib
import glob
import importlib
import os
import re
import threading
import traceback
from pathlib import Path
from typing import Any

from beancount.core import data
from beancount.loader import LoadError
from beancount.parser import parser

from ledger import collector
from ledger.entry_types import is_transaction
from ledger.loading import load_books

# What uromyces 0.0.5 says of a custom directive with metadata.
DROPPED_CUSTOM = "Invalid number node"
BOM = b"\xef\xbb\xbf"
# Plugins that read uromyces' transactions as they are (rules/api.py).
OUR_PLUGINS = "rules."
CUSTOM_LINE = re.compile(r"^\d{4}[-/]\d{1,2}[-/]\d{1,2}\s+custom\s")
PLUGIN_LINE = re.compile(r'^plugin\s+"([^"]+)"', re.MULTILINE)
INCLUDE_LINE = re.compile(r'^include\s+"([^"]+)"', re.MULTILINE)


def available() -> bool:
    """Whether uromyces is installed."""
    try:
        import uromyces  # noqa: F401, PLC0415
    except ImportError:
        return False
    return True


def load_books_fast(path: str | Path) -> tuple[list[data.Directive], list[Any], dict[str, Any]]:
    """The books as ``load_books`` gives them, loaded by uromyces where it
    can; by Beancount when uromyces finds errors (see the module's doc). The
    cycle collector is paused meanwhile (``ledger.collector``)."""
    with collector.paused():
        return _load(path)


def _load(path: str | Path) -> tuple[list[data.Directive], list[Any], dict[str, Any]]:
    from uromyces import _uromyces  # noqa: PLC0415
    from uromyces._convert import beancount_entries, convert_options  # noqa: PLC0415

    ledger_path = Path(os.path.abspath(os.path.expanduser(path)))
    # uromyces parses on this thread (on another, its memory use grows by a
    # sixth); the plugins are imported meanwhile on another.
    importing = threading.Thread(target=_prepare, args=(ledger_path,), daemon=True)
    importing.start()
    ledger = _uromyces.load_file(str(ledger_path))
    importing.join()
    dropped = [e for e in ledger.errors if DROPPED_CUSTOM in str(e.message)]
    if len(dropped) != len(ledger.errors) or any(map(_starts_with_bom, ledger.includes)):
        return load_books(ledger_path)
    declarations, errors = _reparse(dropped)
    if declarations is None:
        return load_books(ledger_path)
    ledger.run_validations()
    if ledger.errors[len(dropped):]:
        return load_books(ledger_path)
    options = convert_options(ledger)
    options["plugin"] = [(p.name, p.config) for p in ledger.plugins]
    options["include"] = sorted(options["include"])  # as Beancount lists them
    if all(str(name).startswith(OUR_PLUGINS) for name, _ in options["plugin"]):
        entries = [e if is_transaction(e) else e._convert()  # noqa: SLF001
                   for e in ledger.entries] + declarations
    else:
        entries = beancount_entries(ledger.entries) + declarations
    del ledger  # uromyces' own copy of the books: free it before the rules run
    entries.sort(key=data.entry_sortkey)
    entries, plugin_errors = _run_plugins(entries, options)
    return entries, errors + plugin_errors, options


def _prepare(ledger_path: Path) -> None:
    """Import the plugins the main file names while uromyces parses the
    books, and let each read the files it reads by itself: uromyces' parser
    lets go of Python's lock, so the rules' imports (0.2 s) and file scans
    (``prepare_files``, 0.1 s) take no time of their own. A plugin that
    fails to import or to prepare is reported later, when the plugins run."""
    try:
        text = ledger_path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return
    files = [str(ledger_path)] + [
        match for pattern in INCLUDE_LINE.findall(text)
        for match in sorted(glob.glob(str(ledger_path.parent / pattern)))]
    for name in PLUGIN_LINE.findall(text):
        try:
            module = importlib.import_module(name)
        except Exception:  # noqa: BLE001, S112 - reported by _run_plugins
            continue
        prepare = getattr(module, "prepare_files", None)
        if prepare is not None:
            with contextlib.suppress(Exception):  # met again, and reported, when it runs
                prepare(files)


def _starts_with_bom(filename: str) -> bool:
    """Whether ``filename`` starts with a byte-order mark: uromyces reads
    past it, Beancount skips the line, and ``cwl check`` explains why."""
    try:
        with open(filename, "rb") as handle:
            return handle.read(3) == BOM
    except OSError:
        return False


def _reparse(dropped: list[Any]) -> tuple[list[data.Directive] | None, list[Any]]:
    """The custom directives uromyces dropped, parsed by Beancount at their
    own file and line, and Beancount's errors in them; None when an error
    is not at a custom directive."""
    by_file: dict[str, set[int]] = {}
    for error in dropped:
        by_file.setdefault(str(error.filename), set()).add(int(error.lineno or 0))
    declarations: list[data.Directive] = []
    errors: list[Any] = []
    for filename, starts in by_file.items():
        text = _blocks(filename, starts)
        if text is None:
            return None, []
        entries, parse_errors, _ = parser.parse_string(text, report_filename=filename)
        declarations.extend(entries)
        errors.extend(parse_errors)
    return declarations, errors


def _blocks(filename: str, starts: set[int]) -> str | None:
    """``filename`` with only the directives starting at ``starts`` (and
    their indented metadata) kept, every other line blanked, so line
    numbers stay the file's; None when a start is in no custom directive."""
    lines = Path(filename).read_text(encoding="utf-8").splitlines()
    kept = [""] * len(lines)
    for start in starts:
        # uromyces places the error on a metadata line: up to the directive.
        index = start - 1
        while 0 < index < len(lines) and lines[index][:1] in (" ", "\t"):
            index -= 1
        if not 0 <= index < len(lines) or not CUSTOM_LINE.match(lines[index]):
            return None
        kept[index] = lines[index]
        index += 1
        while index < len(lines) and lines[index][:1] in (" ", "\t"):
            kept[index] = lines[index]
            index += 1
    return "\n".join(kept) + "\n"


def _run_plugins(entries: list[data.Directive], options: dict[str, Any]
                 ) -> tuple[list[data.Directive], list[Any]]:
    """Run the ledger's ``plugin`` lines in order, as Beancount's loader
    does (its own pad and balance checks uromyces has already made)."""
    errors: list[Any] = []
    for name, config in options["plugin"]:
        try:
            module = importlib.import_module(name)
        except ImportError:
            errors.append(LoadError(data.new_metadata("<load>", 0),
                                    f'Error importing "{name}": {traceback.format_exc()}',
                                    None))
            continue
        for function in getattr(module, "__plugins__", ()):
            callback = getattr(module, function) if isinstance(function, str) else function
            args = () if config is None else (config,)
            try:
                entries, plugin_errors = callback(entries, options, *args)
            except Exception:  # noqa: BLE001 - reported as Beancount reports it
                errors.append(LoadError(data.new_metadata("<load>", 0),
                                        f'Error calling "{name}": {traceback.format_exc()}',
                                        None))
                continue
            errors.extend(plugin_errors)
    return entries, errors
