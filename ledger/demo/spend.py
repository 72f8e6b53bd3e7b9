"""Local spend, the bulk of the books: the council's regular suppliers and the
ordinary payments that fill the books up to the size asked for."""

from __future__ import annotations

import datetime

from ledger import accounts
from ledger.demo.books import BANK, FY_END, FY_START, SERVICES, DemoBooks, q, txn
from ledger.demo.world import Org
from ledger.demo.writer import LedgerWriter


def write_spend(books: DemoBooks, orgs: LedgerWriter) -> list[Org]:
    """The council's regular suppliers, and one with a malformed postcode."""
    world = books.world
    w = books.open("spend.beancount", "Payments to suppliers")
    suppliers = [world.supplier() for _ in range(400)]
    for supplier in suppliers:
        orgs.entry(supplier.declaration())
    bad = Org("GB-COH-09000001", "Morecambe Bay Fencing Ltd", "LA1 4Q", "09000001", sme=True)
    line = orgs.entry(bad.declaration())
    books.plant(orgs, line, "local.postcode", "postcode 'LA1 4Q' is malformed")
    for month in (5, 8, 11):
        w.txn(txn(datetime.date(2020, month, 12), bad.name, "Fencing repairs",
                  [(f"{accounts.SERVICES}:Parks", "1840.00"), (BANK, "")],
                  {"org-id": q(bad.id)}))
    return suppliers


def write_filler(books: DemoBooks, suppliers: list[Org], size: int) -> None:
    """Ordinary supplier payments up to ``size`` transactions in all."""
    rng, w = books.rng, books.files["spend.beancount"]
    count = size - books.transactions
    days = (FY_END - FY_START).days + 1
    account = [f"{accounts.SERVICES}:{s}" for s in SERVICES]
    for i in range(max(0, count)):
        day = FY_START + datetime.timedelta(days=i * days // count)
        supplier = suppliers[rng.randrange(len(suppliers))]
        service = rng.randrange(len(SERVICES))
        pennies = rng.randint(50000, 2500000)
        w.txn(f'{day} * "{supplier.name}" "{SERVICES[service]}"\n'
              f'  org-id: "{supplier.id}"\n'
              f"  {account[service]:<40} {pennies // 100}.{pennies % 100:02d} GBP\n"
              f"  {BANK}\n")

