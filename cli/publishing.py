"""Opening books to publish from: ``cwl report`` and ``cwl export`` load the
ledger the same way and refuse the same things.

Errors in the books do not stop publication (a rule's finding is no reason
to withhold a report) but are counted on stderr. Broken ``cwl-*``
declarations do, unless ``--force``: one may have held the ``individual:
TRUE`` that hides a person, so nothing is written (exit 1).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from cli.check import format_error
from rules.session import Session


def refuse_config_errors(session: Session, force: bool, what: str,
                         err: TextIO | None = None) -> bool:
    """Print the configuration errors; True when they must stop ``what``
    (nothing written), False when there are none or ``force`` is given."""
    err = err or sys.stderr
    broken = session.config_errors
    if not broken:
        return False
    for error in broken:
        print(format_error(error), file=err)
    if force:
        print(f"warning: {len(broken)} configuration error(s); {what} anyway (--force): "
              "a person declared in a broken cwl-organisation may be named", file=err)
        return False
    print(f"{len(broken)} configuration error(s); {what} not written: a broken cwl-* "
          "declaration is left out of the configuration, so an individual it declares "
          "could be named. Fix them, or give --force", file=err)
    return True


def open_to_publish(ledger: str | Path, force: bool, what: str) -> Session | None:
    """The loaded books, or None when ``what`` must not be written."""
    session = Session.load(ledger)
    if refuse_config_errors(session, force, what):
        return None
    if session.errors:
        print(f"warning: {ledger} has {len(session.errors)} error(s); "
              f"see `cwl check {ledger}`", file=sys.stderr)
    return session
