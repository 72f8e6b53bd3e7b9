"""Recovering rows whose fields ran together in the publisher's export.

Lambeth's report writer sometimes drops a comma, giving ``25/06/2012900``
(date and amount) or ``Catch2212/06/2012`` (supplier and date). A row is
repaired only when exactly one way of splitting a cell around a
zero-padded date puts a valid date and amount back in their columns;
otherwise it is rejected with the reason, never guessed.
"""

from __future__ import annotations

from importers.values import EMBEDDED_DATE, parse_date, parse_pennies


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


def _valid(cells: list[str], date_col: int, amount_col: int) -> bool:
    try:
        parse_date(cells[date_col])
        parse_pennies(cells[amount_col])
    except ValueError:
        return False
    return True


def split_run_together(cells: list[str], width: int, date_col: int | None,
                       amount_col: int | None) -> list[str] | str:
    """The repaired cells, or why the row cannot be repaired."""
    short = width - len(cells)
    problem = f"row has {len(cells)} fields, the header has {width}"
    if short <= 0 or date_col is None or amount_col is None:
        return problem
    found: list[list[str]] = []
    for i, cell in enumerate(cells):
        for pieces in _splits(cell):
            if len(pieces) - 1 != short:
                continue
            candidate = cells[:i] + pieces + cells[i + 1:]
            if _valid(candidate, date_col, amount_col) and candidate not in found:
                found.append(candidate)
    if len(found) == 1:
        return found[0]
    if found:
        return f"{problem}: fields ran together and can be split {len(found)} ways"
    return f"{problem}: no split of run-together fields gives a date and an amount"
