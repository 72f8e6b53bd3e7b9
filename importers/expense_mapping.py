"""Which account an imported expense type is booked to.

Councils name expense types in their own words, so the mapping is data, not
code, and the first of these that knows the type wins:

1. the officer's own file (``cwl import --mapping FILE``): ``expense type,
   account`` lines, or a ``--suggest-mapping`` file with its ``account``
   column filled in;
2. ``expense_types.csv`` beside this module: exact types seen in real files;
3. ``expense_groups.csv`` beside this module: rules that read the words of
   the type (``agency staff``, ``rent``, ``foster*``) or the file's expense
   code (``1[0-9][0-9][0-9]``) and book it to a CIPFA subjective group
   (``Expenses:Services:Employees``, ``...:Premises``...), lowest priority
   number first.

A type none of them knows is left to ``Expenses:Suspense`` by the importer,
which lists it; so is one a file maps to ``Expenses:Suspense`` on purpose.
A bad line in any file is an error naming the file and line.
"""

from __future__ import annotations

import csv
import fnmatch
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from pathlib import Path

from beancount.core import account as bean_account
from beancount.core import data

from cli.paths import same_file
from importers.results import ImportResult, InputError
from importers.values import clean_text
from ledger import accounts, metadata

DEFAULT = Path(__file__).with_name("expense_types.csv")
GROUPS = Path(__file__).with_name("expense_groups.csv")
MATCHES = ("words", "code")
NO_TYPE = "(no expense type)"  # how a row without an expense type is listed

_WORD = re.compile(r"[^\W_]+")
_FLOAT_CODE = re.compile(r"(\d+)\.0+")  # a code a spreadsheet wrote as 5706.0


def _key(expense_type: str) -> str:
    return clean_text(expense_type).casefold()


def words(text: str) -> tuple[str, ...]:
    """The words of an expense type: case, punctuation and spacing ignored,
    ``&`` read as ``and``: "Grants & Cont to Vol" -> grants, and, cont, to, vol."""
    return tuple(_WORD.findall(clean_text(text).casefold().replace("&", " and ")))


def expense_code(code: str) -> str:
    """A published expense code as rules compare it: upper case, no spaces."""
    text = clean_text(code).upper().replace(" ", "")
    whole = _FLOAT_CODE.fullmatch(text)
    return whole.group(1) if whole else text


def _same_word(word: str, stem: str, prefix: bool) -> bool:
    if prefix:
        return word.startswith(stem)
    return (word == stem or word in (stem + "s", stem + "es")
            or (stem.endswith("y") and word == stem[:-1] + "ies"))


@dataclass(frozen=True)
class Rule:
    """One line of a rules file: words or a code pattern, and its account."""

    priority: int
    match: str  # "words" or "code"
    pattern: str
    account: str
    source: str
    line: int

    @cached_property
    def stems(self) -> tuple[tuple[str, bool], ...]:
        """Each word of a words pattern, and whether it is a prefix (``word*``)."""
        out: list[tuple[str, bool]] = []
        for piece in self.pattern.split():
            parts = words(piece)
            out.extend((part, False) for part in parts[:-1])
            if parts:
                out.append((parts[-1], piece.endswith("*")))
        return tuple(out)

    @property
    def size(self) -> int:
        return len(self.stems) if self.match == "words" else 1

    def matches(self, type_words: tuple[str, ...], code: str) -> bool:
        if self.match == "code":
            return bool(code) and fnmatch.fnmatchcase(code, self.pattern.upper())
        stems = self.stems
        return any(all(_same_word(type_words[start + i], stem, prefix)
                       for i, (stem, prefix) in enumerate(stems))
                   for start in range(len(type_words) - len(stems) + 1))

    def __str__(self) -> str:
        return f"{self.match} {self.pattern!r} ({Path(self.source).name} line {self.line})"


@dataclass(frozen=True)
class Match:
    """Where a type is booked, and which line of which file said so."""

    account: str
    reason: str


def _rows(path: str | Path) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) of a mapping file, blank and ``#`` lines left out."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the mapping file ({exc})") from None
    reader = csv.reader(io.StringIO(text))
    try:
        for row in reader:
            if not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
                continue
            yield reader.line_num, row
    except csv.Error as exc:
        raise InputError(str(path), f"line {reader.line_num}: not readable as CSV ({exc})"
                         ) from None


def _checked_account(path: str | Path, line: int, account: str) -> str:
    if not account.startswith(accounts.EXPENSES + ":") or not bean_account.is_valid(account):
        raise InputError(str(path), f"line {line}: {account!r} is not an Expenses account "
                                    "(such as Expenses:Services:Premises)")
    return account


def read_types(path: str | Path) -> dict[str, tuple[str, int]]:
    """Exact expense types: normalised type -> (account, line).

    The file is ``expense type,account`` lines, or has a header naming an
    ``expense type`` and an ``account`` column among others (as a
    ``--suggest-mapping`` file does); a line whose account is empty is a
    suggestion not yet filled in, and is left out."""
    found: dict[str, tuple[str, int]] = {}
    columns: tuple[int, int] | None = None
    first = True
    for line, row in _rows(path):
        names = [cell.strip().casefold() for cell in row]
        if first and "expense type" in names and "account" in names:
            columns = names.index("expense type"), names.index("account")
            first = False
            continue
        first = False
        if columns is None and len(row) != 2:
            raise InputError(str(path), f"line {line}: expected 'expense type,account'")
        type_at, account_at = columns or (0, 1)
        expense_type = row[type_at] if type_at < len(row) else ""
        account = row[account_at].strip() if account_at < len(row) else ""
        if not account:
            continue
        if not clean_text(expense_type):
            raise InputError(str(path), f"line {line}: an account but no expense type")
        _checked_account(path, line, account)
        # A spreadsheet-safe cell ('-Cabling) reads back as the type it names.
        keys = {_key(expense_type)}
        if expense_type.startswith("'"):
            keys.add(_key(expense_type[1:]))
        for key in keys:
            earlier = found.get(key)
            if earlier and earlier[0] != account:
                raise InputError(str(path), f"line {line}: {clean_text(expense_type)!r} is "
                                            f"mapped to {earlier[0]} at line {earlier[1]}")
            found[key] = (account, line)
    return found


def read_rules(path: str | Path) -> list[Rule]:
    """The rules of a ``priority,match,pattern,account`` file, in file order."""
    rules: list[Rule] = []
    header = ["priority", "match", "pattern", "account"]
    for line, row in _rows(path):
        cells = [cell.strip() for cell in row]
        if [c.casefold() for c in cells] == header:
            continue
        if len(cells) != 4:
            raise InputError(str(path), f"line {line}: expected 'priority,match,pattern,account'")
        priority, match, pattern, account = cells
        if not re.fullmatch(r"[0-9]+", priority):
            raise InputError(str(path), f"line {line}: priority {priority!r} is not a number")
        if match not in MATCHES:
            raise InputError(str(path), f"line {line}: match {match!r} is not words or code")
        rule = Rule(int(priority), match, pattern, _checked_account(path, line, account),
                    str(path), line)
        if not pattern or (match == "words" and (not rule.stems or any(
                prefix and len(stem) < 2 for stem, prefix in rule.stems))):
            raise InputError(str(path), f"line {line}: pattern {pattern!r} has no words "
                                        "(a word* needs two letters or more)")
        rules.append(rule)
    return rules


class ExpenseMapping:
    """Expense type (and code) -> account; unknown types fall to ``Expenses:Suspense``."""

    def __init__(self, accounts: dict[str, str], source: str = "", *,
                 rules: Iterable[Rule] = (), reasons: dict[str, str] | None = None) -> None:
        """``accounts``: exact type -> account; ``reasons``: the line each came from."""
        self._accounts = {_key(k): v for k, v in accounts.items()}
        self._reasons = {_key(k): v for k, v in (reasons or {}).items()}
        ordered = sorted(enumerate(rules), key=lambda pair: (pair[1].priority, -pair[1].size,
                                                             pair[0]))
        self.rules = tuple(rule for _, rule in ordered)  # indexed below: never reassign
        self.source = source
        self._memo: dict[tuple[str, str], Match | None] = {}
        # Word rules by their first whole word, so a type is tried only
        # against rules that could match it; the rest are always tried.
        self._by_first: dict[str, list[int]] = defaultdict(list)
        self._always: list[int] = []
        for at, rule in enumerate(self.rules):
            first = rule.stems[0] if rule.match == "words" and rule.stems else None
            if first is not None and not first[1]:
                self._by_first[first[0]].append(at)
            else:
                self._always.append(at)

    @classmethod
    def load(cls, path: str | Path | None = None) -> ExpenseMapping:
        """The default mapping, with the officer's file (if any) over it."""
        files = [DEFAULT]
        if path is not None and not same_file(path, DEFAULT):
            files.append(Path(path))
        exact: dict[str, str] = {}
        reasons: dict[str, str] = {}
        for file in files:
            for key, (account, line) in read_types(file).items():
                exact[key] = account
                reasons[key] = f"expense type ({file.name} line {line})"
        return cls(exact, str(files[-1]), rules=read_rules(GROUPS), reasons=reasons)

    def match(self, expense_type: str, code: str = "") -> Match | None:
        """The account and why, or None when nothing names the type.
        Remembered per type and code as published: a month repeats a few
        hundred of them thousands of times."""
        if (expense_type, code) in self._memo:
            return self._memo[expense_type, code]
        key, normal = _key(expense_type), expense_code(code)
        found: Match | None = None
        if key in self._accounts:
            found = Match(self._accounts[key], self._reasons.get(key, "expense type"))
        else:
            type_words = words(expense_type)
            rule = next((self.rules[at] for at in self._candidates(type_words)
                         if self.rules[at].matches(type_words, normal)), None)
            if rule is not None:
                found = Match(rule.account, str(rule))
        self._memo[expense_type, code] = found
        return found

    def _candidates(self, type_words: tuple[str, ...]) -> list[int]:
        """The rules that could match, in the order they are tried: those
        whose first word is one of the type's (as ``_same_word`` reads a
        plural), and every rule not indexed by a first word."""
        found = set(self._always)
        for word in type_words:
            for stem in (word, word[:-1], word[:-2], word[:-3] + "y"):
                found.update(self._by_first.get(stem, ()))
        return sorted(found)

    def account(self, expense_type: str, code: str = "") -> str | None:
        """The mapped account, or None when the type stays in Suspense."""
        found = self.match(expense_type, code) if expense_type or code else None
        if found is None or found.account == accounts.SUSPENSE:
            return None
        return found.account



@dataclass
class Unmapped:
    """The rows of one expense type left in ``Expenses:Suspense``, and their money
    (credit notes net against payments)."""

    rows: int = 0
    money: Decimal = field(default_factory=lambda: Decimal("0.00"))

    def add(self, other: Unmapped) -> None:
        self.rows += other.rows
        self.money += other.money


def unmapped_types(result: ImportResult) -> dict[str, Unmapped]:
    """Per expense type the importer left unmapped, the rows it booked to
    Suspense and their money, largest money (either sign) first: the money
    adds up to what the file put in ``Expenses:Suspense``."""
    totals: dict[str, Unmapped] = {}
    for entry in result.entries:
        if not isinstance(entry, data.Transaction):
            continue
        expense_type = entry.meta.get(metadata.EXPENSE_TYPE) or NO_TYPE
        if expense_type not in result.unmapped:
            continue  # a bank statement's Suspense lines are not expense types
        held = [p.units.number for p in entry.postings if p.account == accounts.SUSPENSE]
        if held:
            totals.setdefault(expense_type, Unmapped()).add(Unmapped(1, sum(held, Decimal("0.00"))))
    return largest_first(totals)


def largest_first(totals: dict[str, Unmapped]) -> dict[str, Unmapped]:
    """By money either side of zero, then rows, then name."""
    order = sorted(totals.items(), key=lambda item: (-abs(item[1].money), -item[1].rows,
                                                     item[0]))
    return dict(order)
