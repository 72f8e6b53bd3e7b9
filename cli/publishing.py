"""Opening books to publish from: ``cwl report`` and ``cwl export`` load the
ledger the same way and refuse the same things.

Errors in the books do not stop publication (a rule's finding is no reason
to withhold a report) but are counted on stderr. Broken ``cwl-*``
declarations and lines Beancount could not parse do, unless ``--force``:
either may have held the ``individual: TRUE`` that hides a person, so nothing
is written (exit 1). Forced, every payee, name, id and postcode the dropped
lines wrote is withheld as a person's.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from cli.check import format_error
from rules.session import Session


def refuse_broken_books(session: Session, force: bool, what: str,
                        err: TextIO | None = None) -> bool:
    """Print the errors that block publishing; True when they must stop
    ``what`` (nothing written), False when there are none or ``force`` is given."""
    err = err or sys.stderr
    broken = session.publish_blockers
    if not broken:
        return False
    for error in broken:
        print(format_error(error), file=err)
    kinds = f"{len(broken)} broken declaration(s) or unparsable line(s)"
    if force:
        print(f"warning: {kinds}; {what} anyway (--force), withholding every payee, "
              "name and id the unparsable lines wrote; a person declared in a broken "
              "cwl-organisation may still be named", file=err)
        return False
    print(f"{kinds}; {what} not written: Beancount leaves them out of the books, so "
          "an individual they declare could be named. Fix them, or give --force",
          file=err)
    return True


def open_to_publish(ledger: str | Path, force: bool, what: str) -> Session | None:
    """The loaded books, or None when ``what`` must not be written."""
    session = Session.load(ledger)
    if refuse_broken_books(session, force, what):
        return None
    if session.errors:
        print(f"warning: {ledger} has {len(session.errors)} error(s); "
              f"see `cwl check {ledger}`", file=sys.stderr)
    return session
