"""Report models: plain data built from the rule-checked ledger, shared by
the PDF renderer and (later) Fava pages."""
