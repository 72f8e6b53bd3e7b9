"""Reading payments to people: one pass over the entries, giving each
scheme of individuals' payments, its vouchers and what was redeemed or
written back on them, and any raw identifier written into the books."""

from __future__ import annotations

import bisect
import datetime
import operator
from collections.abc import Mapping, Set
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ledger import accounts
from ledger import metadata as md
from ledger.config import is_declaration
from ledger.entry_types import is_transaction
from ledger.models import GrantScheme
from ledger.transactions import Transactions
from rules.hardship.identifiers import (
    EVERYWHERE,
    ON_PAYMENTS_TO_PEOPLE,
    entry_fields,
    raw_identifiers,
)
from rules.hardship.records import ZERO, PersonPayment, SchemePayments, Voucher
from rules.hardship.scan import Directive

_GRANTS = accounts.GRANTS + ":"
_VOUCHERS = accounts.VOUCHERS + ":"
_DATE = operator.attrgetter("date")


@dataclass(eq=False)
class VoucherMove:
    """Money out of ``Liabilities:Vouchers``: a redemption, or (with
    ``recovery: TRUE``) a lapsed voucher written back to its scheme."""

    award_id: str | None
    account: str
    amount: Decimal
    written_back: bool
    meta: Any


@dataclass
class Read:
    """What the pass found."""

    schemes: dict[str, SchemePayments] = field(default_factory=dict)
    moves: list[VoucherMove] = field(default_factory=list)
    # Payments whose voucher side disagrees with their ``method``.
    method_problems: list[tuple[PersonPayment, str]] = field(default_factory=list)
    raw: list[tuple[Any, list[str]]] = field(default_factory=list)  # meta, where
    last_date: datetime.date | None = None


def _payment(entry: Any, scheme: GrantScheme, amount: Decimal, read: Read) -> None:
    meta = entry.meta
    credited = [p for p in entry.postings if p.account.startswith(_VOUCHERS)
                and p.units.number < 0]
    written = md.text_value(meta.get(md.METHOD))
    method = written or ("voucher" if credited else "bank")
    payment = PersonPayment(md.link_id(entry.links, md.AWARD_LINK), scheme.id, entry.date,
                            amount, method, md.text_value(meta.get(md.PERSON_REF)),
                            md.text_value(meta.get(md.HOUSEHOLD_REF)), meta)
    mine = read.schemes.setdefault(scheme.id, SchemePayments(scheme.id))
    mine.payments.append(payment)
    if written is not None and written not in md.METHODS:
        read.method_problems.append((payment, f"method '{written}' is none of "
                                              f"{', '.join(md.METHODS)}"))
    elif method == "voucher" and not credited:
        read.method_problems.append((payment, "is paid by voucher but credits no "
                                              f"{accounts.VOUCHERS}:{scheme.id} account"))
    elif credited and method != "voucher":
        read.method_problems.append((payment, f"says method '{method}' but credits "
                                              f"{credited[0].account}"))
    if credited:
        expires = md.date_value(meta.get(md.EXPIRES)) or scheme.closes
        mine.vouchers.append(Voucher(payment, credited[0].account, expires))


class _Kinds(dict[str, int]):
    """Per account, once: 1 under Expenses:Grants, 2 under Liabilities:Vouchers, else 0."""

    def __missing__(self, account: str) -> int:
        kind = self[account] = (1 if account.startswith(_GRANTS)
                                else 2 if account.startswith(_VOUCHERS) else 0)
        return kind


def _take(entry: Any, postings: list[Any], schemes: dict[str, GrantScheme], read: Read,
          kinds: _Kinds) -> bool:
    """Read one transaction; whether it pays a person or moves a voucher."""
    meta = entry.meta
    if not any(kinds[p.account] for p in postings):
        return bool(meta.get(md.PERSON_REF) or meta.get(md.HOUSEHOLD_REF))
    awarded, leaf, moved = ZERO, None, ZERO
    voucher_account = None
    for posting in postings:
        account, number = posting.account, posting.units.number
        kind = kinds[account]
        if kind == 1 and number > 0:
            awarded += number
            leaf = leaf or accounts.leaf(account, accounts.GRANTS)
        elif kind == 2 and number > 0:
            moved += number
            voucher_account = voucher_account or account
    if moved:
        read.moves.append(VoucherMove(md.link_id(entry.links, md.AWARD_LINK),
                                      voucher_account, moved,
                                      md.is_true(meta.get(md.RECOVERY)), meta))
    code = md.text_value(meta.get(md.SCHEME)) or leaf
    scheme = schemes.get(code) if awarded and code else None
    if scheme is not None and not md.is_true(meta.get(md.RECOVERY)):
        _payment(entry, scheme, awarded, read)
        return True
    return bool(moved) or bool(meta.get(md.PERSON_REF) or meta.get(md.HOUSEHOLD_REF))


def read(entries: list[Any], schemes: dict[str, GrantScheme], transactions: Transactions,
         suspects: Mapping[str, Set[Directive]] | None) -> Read:
    """The one pass, over the transactions that touch grants or vouchers or
    carry a person's reference. Only schemes of ``recipients:
    "individuals"`` count. Raw identifiers are looked for in every
    transaction and declaration: in the ``suspects`` (per file,
    ``scan.books_suspects``), or in all of them when the books were not
    read from files (bank account numbers only on payments to people and
    voucher movements)."""
    individuals = {k: s for k, s in schemes.items() if s.recipients == "individuals"}
    result = Read()
    kinds = _Kinds()
    personal: set[int] = set()
    for entry in transactions.select(roots=(accounts.GRANTS, accounts.VOUCHERS),
                                     keys=(md.PERSON_REF, md.HOUSEHOLD_REF)):
        # Read once: uromyces makes new posting objects on each access.
        if _take(entry, entry.postings, individuals, result, kinds):
            personal.add(id(entry))
    result.last_date = transactions.last_date
    for entry in entries if suspects is None else _to_search(entries, suspects):
        if is_transaction(entry):
            pattern = ON_PAYMENTS_TO_PEOPLE if id(entry) in personal else EVERYWHERE
        elif is_declaration(entry):
            pattern = EVERYWHERE
        else:
            continue
        where = raw_identifiers(entry_fields(entry), pattern)
        if where:
            result.raw.append((entry.meta, where))
    return result


def _to_search(entries: list[Any], suspects: Mapping[str, Set[Directive]]) -> list[Any]:
    """The entries at the suspect directives, in ledger order: each looked
    for among the entries of its date; when a guess names no entry, every
    entry is placed by its file and line instead."""
    chosen: set[int] = set()
    for name, directives in suspects.items():
        for lineno, written in directives:
            position = _at(entries, name, lineno, written)
            if position is None:
                return _containing(entries, suspects)
            chosen.add(position)
    return [entries[position] for position in sorted(chosen)]


def _at(entries: list[Any], filename: str, lineno: int, written: str) -> int | None:
    """The position of the entry at ``filename:lineno``, dated ``written``."""
    try:
        day = datetime.date(int(written[:4]), int(written[5:7]), int(written[8:10]))
    except ValueError:
        return None
    start = bisect.bisect_left(entries, day, key=_DATE)
    for position in range(start, bisect.bisect_right(entries, day, lo=start, key=_DATE)):
        meta = entries[position].meta
        if meta is not None and meta["lineno"] == lineno and meta["filename"] == filename:
            return position
    return None


def _containing(entries: list[Any], suspects: Mapping[str, Set[Directive]]) -> list[Any]:
    """The entries whose lines include a suspect directive's first line, in
    ledger order, every entry placed by its file and line."""
    starts: dict[str, list[tuple[int, int]]] = {name: [] for name in suspects}
    for position, entry in enumerate(entries):
        meta = entry.meta
        found = starts.get(meta["filename"]) if meta is not None else None
        if found is not None:
            found.append((meta["lineno"], position))
    chosen: set[int] = set()
    for name, directives in suspects.items():
        placed = sorted(starts[name])
        linenos = [lineno for lineno, _ in placed]
        for lineno, _ in directives:
            at = bisect.bisect_right(linenos, lineno) - 1
            if at >= 0:
                chosen.add(placed[at][1])
    return [entries[position] for position in sorted(chosen)]
