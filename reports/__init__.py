"""Reports and published data made from the ledger."""
