"""The demo books being written: the open files, the faults planted so far,
and the constants and helpers every stream writes its entries with."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ledger import accounts
from ledger.demo.world import Org, World
from ledger.demo.writer import LedgerWriter, Staging

FY_START = datetime.date(2020, 4, 1)
FY_END = datetime.date(2021, 3, 31)

SCHEMES = ("SBGF", "RHLGF", "LADGF", "LRSG-Nov20", "VCSE")
CONTRACT_SERVICES = ("Waste", "HomeToSchool", "Leisure", "Catering", "Cleaning")
SERVICES = ("Property", "ICT", "Highways", "Parks", "Vehicles", "Printing",
            "Consultancy", "Training", "Legal", "Stationery")
FEE_LINES = ("Parking", "Leisure", "Culture", "Planning", "Rents")
BANK = accounts.CURRENT_ACCOUNT


def money(amount: Decimal | int | str) -> str:
    return f"{Decimal(amount):.2f}"


@dataclass
class Fault:
    rule: str
    file: str
    line: int
    what: str


@dataclass
class Summary:
    main: Path
    transactions: int
    faults: int
    # What ``cwl demo --councils`` planted for the national view to find.
    shared: list = field(default_factory=list)


@dataclass
class DemoBooks:
    """The open files, where they are being written, and what has been
    planted so far."""

    out: Path
    rng: random.Random
    world: World
    staging: Staging
    files: dict[str, LedgerWriter] = field(default_factory=dict)
    faults: list[Fault] = field(default_factory=list)
    # Each award on a property: (scheme, property ref, rateable value, payee,
    # date, line), for the rating list (``properties``) to agree with.
    property_awards: list[tuple[str, str, int | None, Org, datetime.date, int]] = field(
        default_factory=list)

    def open(self, name: str, title: str) -> LedgerWriter:
        self.files[name] = LedgerWriter(self.out / name, title, self.staging)
        return self.files[name]

    def plant(self, writer: LedgerWriter, line: int, rule: str, what: str) -> None:
        self.faults.append(Fault(rule, writer.name, line, what))

    @property
    def transactions(self) -> int:
        return sum(w.transactions for w in self.files.values())

    def day(self, start: datetime.date, end: datetime.date) -> datetime.date:
        return start + datetime.timedelta(days=self.rng.randint(0, (end - start).days))


def txn(date: datetime.date, payee: str, narration: str, postings: list[tuple[str, str]],
        meta: dict[str, str] | None = None, links: tuple[str, ...] = ()) -> str:
    """A transaction's text; posting amounts are already formatted."""
    head = f'{date} * "{payee}" "{narration}"' + "".join(f" ^{link}" for link in links)
    lines = [head] + [f"  {k}: {v}" for k, v in (meta or {}).items()]
    for account, amount in postings:
        lines.append(f"  {account:<40} {amount} GBP" if amount else f"  {account}")
    return "\n".join(lines) + "\n"


def q(text: str) -> str:
    return f'"{text}"'


def write_accounts(books: DemoBooks) -> None:
    w = books.open("accounts.beancount", "Chart of accounts")
    names = [BANK, accounts.CLAIMS_RECEIVABLE, accounts.RECOVERIES_RECEIVABLE,
             f"{accounts.RING_FENCED}:ICF", accounts.TRANCHE_INCOME,
             accounts.SFC_COMPENSATION, accounts.EXPENDITURE_REIMBURSEMENT,
             accounts.SUSPENSE, accounts.OPENING]
    for scheme in SCHEMES:
        names += [f"{accounts.GRANTS}:{scheme}", f"{accounts.GRANTS_PAYABLE}:{scheme}",
                  f"{accounts.GRANT_FUNDING}:{scheme}"]
    names += [f"{accounts.FEES_AND_CHARGES}:{line}" for line in FEE_LINES]
    names += [f"{accounts.CONTRACTS}:{s}" for s in CONTRACT_SERVICES]
    names += [f"{accounts.COVID_PRESSURES}:{c}" for c in accounts.PRESSURE_CATEGORIES]
    names += [f"{accounts.SERVICES}:{s}" for s in SERVICES]
    for name in names:
        w.write(f"2020-01-01 open {name} GBP\n")
    w.write("\n")
    w.txn(txn(datetime.date(2020, 3, 31), books.world.council.name, "Opening cash balance",
              [(BANK, "60000000.00"), (accounts.OPENING, "")]))

