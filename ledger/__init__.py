"""Community Wealth Ledger core: the vocabulary of the books, configuration
read from the ledger's own ``custom`` directives, and loading."""

from __future__ import annotations

from ledger.loading import LoadedLedger, load

__all__ = ["LoadedLedger", "load"]
