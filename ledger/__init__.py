"""Community Wealth Ledger core: the vocabulary of the books (accounts,
metadata, periods), the declaration models and the configuration read from
the ledger's own ``custom`` directives, people's redaction, and the demo."""
