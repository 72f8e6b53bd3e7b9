"""Where in the books' files a raw identifier may be, read once per version
of each file.

``identifiers.suspect_directives`` reads a file's text with a few regular
expressions (0.1 s for a county's year of payments). The answer is kept per
file, with the size and modification time it was read at, so the fast
loader can work it out while uromyces parses the books (``rules.all``'s
``prepare_files``) and the rule then finds it ready; a file changed since
is read again.
"""

from __future__ import annotations

import os
from pathlib import Path

from rules.hardship.identifiers import suspect_directives

# A directive, as its first line and its date as written.
Directive = tuple[int, str]
# filename -> (size, modification time in ns, suspect directives)
_READ: dict[str, tuple[int, int, frozenset[Directive]]] = {}


def suspects_in(filename: str) -> frozenset[Directive]:
    """The directives of ``filename`` that may hold a raw identifier
    (``identifiers.suspect_directives``; OSError when it cannot be read)."""
    stat = os.stat(filename)
    known = _READ.get(filename)
    if known is None or known[:2] != (stat.st_size, stat.st_mtime_ns):
        text = Path(filename).read_text(encoding="utf-8", errors="replace")
        known = _READ[filename] = (stat.st_size, stat.st_mtime_ns,
                                   frozenset(suspect_directives(text)))
    return known[2]


def books_suspects(filenames: list[str]) -> dict[str, frozenset[Directive]] | None:
    """Each books file's suspect directives, where it has any; None when the
    books were not read from files (a string, as tests load them) or a file
    cannot be read now, and every entry must be searched."""
    if not filenames:
        return None
    suspects = {}
    for name in filenames:
        try:
            lines = suspects_in(name)
        except OSError:
            return None
        if lines:
            suspects[name] = lines
    return suspects
