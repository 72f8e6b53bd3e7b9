"""The demo ledger: a fictional English district council's FY2020/21 books
with all four streams and a known list of planted faults."""
