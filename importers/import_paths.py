"""Which files ``cwl import`` may write.

``--rejects`` is rewritten whole and ``--out`` is appended to, so a slip on
the command line (``--rejects main.beancount``, ``--out spend.csv``) would
overwrite the books or mix entries into an input. Both are refused when
they name the ledger or an input, and ``--rejects`` also when it names a
file the ledger includes. ``--out`` is meant to be included by the ledger
(``include "imported.beancount"``), so that alone is no mistake. Paths
are compared after resolving symlinks and ``..``, and as the same file on
disk, so a hard link or a second spelling is caught too.
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Iterable

from cli.paths import same_file

_INCLUDE = re.compile(r'^include[ \t]+"([^"\n]*)"', re.MULTILINE)


def included_files(ledger: str) -> list[str]:
    """The ledger and every file it includes, recursively, resolved as
    Beancount resolves them (relative to the including file, globs
    expanded). An include that matches nothing yet (OUT before the first
    import) is listed as written, since a write there would be loaded."""
    seen: set[str] = set()
    waiting = [os.path.abspath(ledger)]
    while waiting:
        file = os.path.normpath(waiting.pop())
        if file in seen:
            continue
        seen.add(file)
        try:
            with open(file, encoding="utf-8", errors="replace") as handle:
                text = handle.read()
        except OSError:
            continue  # an include still to be written, or a folder
        for name in _INCLUDE.findall(text):
            pattern = os.path.join(os.path.dirname(file), name)
            waiting.extend(glob.glob(pattern, recursive=True) or [pattern])
    return sorted(seen)


def _named(path: str, others: Iterable[str]) -> str | None:
    return next((other for other in others if same_file(path, other)), None)


def write_problem(out: str, rejects: str | None, ledger: str | None,
                  inputs: list[str]) -> str | None:
    """Why ``--out`` or ``--rejects`` names a file the import must only
    read, as ``path: reason``; None when both are safe to write."""
    for path, option in ((out, "--out"), (rejects, "--rejects")):
        if path is None:
            continue
        if ledger and same_file(path, ledger):
            return f"{path}: is the ledger given as --ledger; {option} must be another file"
        source = _named(path, inputs)
        if source:
            return f"{path}: is the input file {source}; {option} must be another file"
    if rejects is None:
        return None
    if same_file(rejects, out):
        return f"{rejects}: is also --out; --rejects must be another file"
    included = _named(rejects, included_files(ledger)) if ledger else None
    if included:
        return (f"{rejects}: is {included}, which the ledger includes; "
                "--rejects would overwrite it")
    return None
