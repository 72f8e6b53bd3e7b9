"""Fava's Import page with ``cwl import``'s importers, for ``cwl serve
--read-write``.

Fava reads its import options (``import-config``, ``import-dirs``) from the
ledger's ``custom "fava-option"`` entries, anew on every load. A ledger
that names none gets ours for the session: this extension, added by
``create_app`` only when the books may be written, sets them after each
load and has Fava load the import config, without asking the user to edit
the books. Options a ledger names itself are kept. It lives apart from
``reports.fava`` so that declaring our pages in a ledger does not bring it
in: a read-only serve offers no uploads.
"""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

from fava.ext import FavaExtensionBase

if TYPE_CHECKING:
    from fava.core import FavaLedger

# Fava runs this file for the importer list (``CONFIG``).
IMPORT_CONFIG = Path(find_spec("importers.fava_import").origin)  # type: ignore[union-attr,arg-type]
# Where uploads go, beside the ledger's main file.
IMPORT_DIR = "imports"


def offer_imports(ledger: FavaLedger) -> None:
    """Our import config and folder, where the ledger names none."""
    options = ledger.fava_options
    changed = False
    if not options.import_config:
        options.import_config = str(IMPORT_CONFIG)
        changed = True
    if not options.import_dirs:
        options.import_dirs = [IMPORT_DIR]
        changed = True
    if changed:
        ledger.ingest.load_file()


class ImportPage(FavaExtensionBase):
    """Offers ``cwl import``'s spend and bank statement importers on Fava's
    Import page (no page of its own)."""

    def after_load_file(self) -> None:
        offer_imports(self.ledger)
