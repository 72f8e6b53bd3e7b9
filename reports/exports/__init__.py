"""Published data made from the ledger: transparency spend and 360Giving."""
