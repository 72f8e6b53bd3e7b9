"""Recovering rows whose fields ran together in the publisher's export.

Lambeth's report writer sometimes drops a comma, giving ``25/06/2012900``
(date and amount) or ``Catch2212/06/2012`` (supplier and date). A row is
repaired only when exactly one way of splitting a cell around a
zero-padded date puts a date in the import's window and an amount back in
their columns; otherwise it is rejected with the reason (and why the
first split failed), never guessed.
"""

from __future__ import annotations

from importers.values import EMBEDDED_DATE, DateWindow, parse_pennies


def _splits(cell: str) -> list[list[str]]:
    """Each way to cut ``cell`` into [before], date, [after]."""
    ways = []
    for start in range(len(cell)):
        match = EMBEDDED_DATE.match(cell, start)
        if not match or (start == 0 and match.end() == len(cell)):
            continue
        pieces = [cell[:start], match.group(), cell[match.end():]]
        ways.append([p.strip() for p in pieces if p.strip()])
    return ways


def _problem(cells: list[str], date_col: int, amount_col: int, window: DateWindow) -> str | None:
    """Why the split cells give no date or amount, or None when they do."""
    try:
        window.entry_date(cells[date_col])
        parse_pennies(cells[amount_col])
    except ValueError as exc:
        return str(exc)
    return None


def split_run_together(cells: list[str], width: int, date_col: int | None,
                       amount_col: int | None, window: DateWindow) -> list[str] | str:
    """The repaired cells, or why the row cannot be repaired."""
    short = width - len(cells)
    problem = f"row has {len(cells)} fields, the header has {width}"
    if short <= 0 or date_col is None or amount_col is None:
        return problem
    found: list[list[str]] = []
    first_problem = None
    for i, cell in enumerate(cells):
        for pieces in _splits(cell):
            if len(pieces) - 1 != short:
                continue
            candidate = cells[:i] + pieces + cells[i + 1:]
            why = _problem(candidate, date_col, amount_col, window)
            if why is None and candidate not in found:
                found.append(candidate)
            first_problem = first_problem or why
    if len(found) == 1:
        return found[0]
    if found:
        return f"{problem}: fields ran together and can be split {len(found)} ways"
    reason = f" ({first_problem})" if first_problem else ""
    return f"{problem}: no split of run-together fields gives a date and an amount{reason}"
