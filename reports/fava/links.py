"""Links from our pages into Fava: a ledger line in Fava's editor.

Fava's frontend builds the same URL in ``url_for_source`` (the editor at the
line, or ``beancount://`` when the ledger asks for an external editor); we
build it on the server so a finding is one click from the line to fix.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from fava.application import url_for
from fava.context import g


class SourceLink(NamedTuple):
    """Where an entry or declaration is written, and the URL that opens it."""

    label: str  # file name and line, e.g. grants.beancount:3618
    url: str | None  # None for entries no file holds (plugin-made)


def source_link(meta: dict[str, Any] | None) -> SourceLink:
    meta = meta or {}
    filename, lineno = str(meta.get("filename") or ""), meta.get("lineno")
    label = f"{filename.rsplit('/', 1)[-1]}:{lineno}"
    if not filename or filename.startswith("<") or not lineno:
        return SourceLink(label, None)
    if g.ledger.fava_options.use_external_editor:
        return SourceLink(label, f"beancount://{filename}?lineno={lineno}")
    return SourceLink(label, url_for("report", report_name="editor",
                                     file_path=filename, line=str(lineno)))
