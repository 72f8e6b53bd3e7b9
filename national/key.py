"""The consolidator's key for national bank fingerprints.

The key makes ``bank-fingerprint-national`` (``ledger.metadata``) useless to
anyone without it: whoever holds it can test a guessed account number, so it
is issued by the consolidator, held outside the books and the exports, and
read at import time from a file or an environment variable the user names.
Nothing here writes it anywhere.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_ENV = "CWL_NATIONAL_KEY"
# Shorter keys can be guessed; 32 random bytes as hex (64 characters) is usual.
MIN_LENGTH = 16


class KeyProblem(ValueError):
    """The key could not be read or is too weak; the message says where."""


def read_key(file: str | Path | None = None, env: str = DEFAULT_ENV) -> bytes | None:
    """The key from ``file`` when given, else from the variable ``env``;
    None when neither is set. Surrounding white space is not part of it."""
    if file is not None:
        try:
            key = Path(file).read_bytes().strip()
        except OSError as error:
            raise KeyProblem(f"{file}: cannot read the national key "
                             f"({error.strerror or error})") from None
        where = str(file)
    else:
        value = os.environ.get(env)
        if value is None:
            return None
        key, where = value.strip().encode(), f"${env}"
    if len(key) < MIN_LENGTH:
        raise KeyProblem(f"{where}: the national key is shorter than {MIN_LENGTH} "
                         "characters; ask the consolidator for the issued key")
    return key
