"""Writing a file whole or not at all.

A command that stops half way (a full disk, a crash, Ctrl-C) must not leave
half an entry in the books, where Beancount would then refuse the whole
ledger, nor a truncated export on a web share that looks published. So every
write of an import, a rejects list or an export goes to a temporary file
beside the target, is flushed to disk, and replaces the target in one step:
the file holds the old text or the new, never a mix. (The demo and the PDF
reports stage a whole set of files the same way: ``ledger.demo.writer``,
``reports.pdf.renderer.write_pdfs``.)
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil


def replace_bytes(path: str, content: bytes) -> None:
    """Make ``path`` hold ``content``, atomically; a symlink's target is
    replaced, so the link stays a link."""
    target = os.path.realpath(path)
    temporary = f"{target}.{secrets.token_hex(4)}.tmp"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        if os.path.exists(target):
            shutil.copymode(target, temporary)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def write_text(path: str, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8, newlines as given)."""
    replace_bytes(path, text.encode("utf-8"))


def append_text(path: str, text: str) -> None:
    """Append ``text`` to ``path``: afterwards it holds the old text and all
    of the new, or only the old."""
    try:
        with open(path, "rb") as handle:
            old = handle.read()
    except FileNotFoundError:
        old = b""
    replace_bytes(path, old + text.encode("utf-8"))
