"""Stream 8, funding beyond the COVID schemes: one-off funding pots (one
passed on to a town council, one crowdfunded), the reports filed on them,
the collection fund, and the planted pot faults.

Written to its own file with its own seeded generator, so the other
streams' files and the filler are the same with or without it.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from ledger.demo.books import BANK, DemoBooks, money, q, txn
from ledger.demo.world import Org

INCOME = "Income:Pots:Government"
DONATIONS = "Income:Pots:Donations"
PROJECTS = "Expenses:Pots:Projects"
PASSED_ON = "Expenses:Pots:PassedOn"
MATCH = "Expenses:Pots:Match"


def _pot(pot_id: str, fields: dict[str, str]) -> str:
    lines = [f'2020-04-01 custom "cwl-pot" "{pot_id}"']
    lines += [f"  {key}: {value}" for key, value in fields.items()]
    return "\n".join(lines) + "\n"


def write_pots(books: DemoBooks, rng: random.Random, suppliers: list[Org]) -> None:
    w = books.open("pots.beancount", "Funding pots, their reports, and the collection fund")
    for account in (INCOME, DONATIONS, PROJECTS, PASSED_ON, MATCH):
        w.write(f"2020-01-01 open {account} GBP\n")
    w.write("\n")
    town = Org(f"360G-{books.world.council.slug}-carnforth-tc", "Carnforth Town Council",
               "LA5 9BX")
    w.entry(town.declaration() + '  ownership: "public"\n')

    def receive(pot_id: str, day: datetime.date, amount: Decimal, funder: str,
                account: str = INCOME) -> None:
        w.txn(txn(day, funder, f"{pot_id} funding received",
                  [(BANK, money(amount)), (account, "")], links=(f"pot-{pot_id}",)))

    def spend(pot_id: str, day: datetime.date, amount: Decimal, what: str,
              account: str = PROJECTS, payee: Org | None = None,
              meta: dict[str, str] | None = None) -> int:
        payee = payee or rng.choice(suppliers)
        return w.txn(txn(day, payee.name, what, [(account, money(amount)), (BANK, "")],
                         {"org-id": q(payee.id), **(meta or {})}, links=(f"pot-{pot_id}",)))

    def spread(total: int, parts: int) -> list[Decimal]:
        """``total`` in ``parts`` payments of varying size."""
        cuts = sorted(rng.sample(range(1000, total - 1000, 500), parts - 1))
        return [Decimal(b - a) for a, b in zip([0, *cuts], [*cuts, total])]

    def days(start: datetime.date, end: datetime.date, count: int) -> list[datetime.date]:
        span = (end - start).days
        return sorted(start + datetime.timedelta(days=rng.randint(0, span))
                      for _ in range(count))

    # Reopening High Streets Safely: spent in full, its last report never filed.
    line = w.entry(_pot("RHSS", {
        "title": q("Reopening High Streets Safely Fund"), "funder": q("MHCLG (ERDF)"),
        "kind": q("allocation"), "allocation": "88000.00 GBP", "bid-hours": "6",
        "spend-by": "2021-03-31", "reports-due": q("2020-09-30 2020-12-31 2021-03-31")}))
    books.plant(w, line, "pots.report-overdue", "the report due 2021-03-31 was never filed")
    receive("RHSS", datetime.date(2020, 6, 30), Decimal(88000), "MHCLG")
    for day, amount in zip(days(datetime.date(2020, 7, 1), datetime.date(2021, 3, 15), 5),
                           spread(88000, 5)):
        spend("RHSS", day, amount, "High street signage and marshals")
    for day, hours in (("2020-10-06", "5"), ("2021-01-08", "6")):
        w.entry(f'{day} custom "cwl-pot-report" "RHSS"\n  hours: {hours}\n')

    # Community Champions: won by bid, part passed on to the town council,
    # a third unspent at the deadline.
    line = w.entry(_pot("CHAMPIONS", {
        "title": q("Community Champions"), "funder": q("DHSC"), "kind": q("bid"),
        "allocation": "150000.00 GBP", "bid-hours": "38", "spend-by": "2021-03-31",
        "reports-due": q("2021-01-15 2021-04-30"), "passed-on-to": q(town.id)}))
    books.plant(w, line, "pots.unspent-by-deadline", "£50,000 of £150,000 unspent by 2021-03-31")
    receive("CHAMPIONS", datetime.date(2020, 11, 20), Decimal(150000), "DHSC")
    for day in (datetime.date(2020, 12, 1), datetime.date(2021, 2, 1)):
        spend("CHAMPIONS", day, Decimal(30000), "Community Champions passed on",
              PASSED_ON, town)
    for day, amount in zip(days(datetime.date(2020, 12, 1), datetime.date(2021, 3, 20), 4),
                           spread(40000, 4)):
        spend("CHAMPIONS", day, amount, "Community Champions outreach")
    for day, hours in (("2021-01-14", "9"), ("2021-04-28", "11")):
        w.entry(f'{day} custom "cwl-pot-report" "CHAMPIONS"\n  hours: {hours}\n')
    line = spend("CHAMPION", datetime.date(2021, 3, 2), Decimal(2500),
                 "Community Champions leaflets")
    books.plant(w, line, "pots.unknown-pot", "^pot-CHAMPION: a typo for CHAMPIONS")

    # Cultural recovery: asks for £20,000 of the council's own money; £12,000 put in.
    line = w.entry(_pot("CULTURE", {
        "title": q("Cultural Recovery Fund"), "funder": q("Arts Council England"),
        "kind": q("bid"), "allocation": "60000.00 GBP", "bid-hours": "45",
        "spend-by": "2021-03-31", "reports-due": q("2021-02-26"),
        "match-required": "20000.00 GBP"}))
    books.plant(w, line, "pots.match-short", "£12,000 of the £20,000 match spent")
    receive("CULTURE", datetime.date(2020, 10, 15), Decimal(60000), "Arts Council England")
    for day, amount in zip(days(datetime.date(2020, 10, 16), datetime.date(2021, 3, 25), 4),
                           spread(60000, 4)):
        spend("CULTURE", day, amount, "Museum reopening works")
    spend("CULTURE", datetime.date(2021, 2, 10), Decimal(12000), "Museum reopening (match)",
          MATCH, meta={"match": "TRUE"})
    w.entry('2021-02-25 custom "cwl-pot-report" "CULTURE"\n  hours: 7\n')

    # Donations and crowdfunding are a pot too: no deadline, no report.
    w.entry(_pot("PLAYPARK", {
        "title": q("Crowdfunded play park"), "funder": q("Residents (crowdfunding)"),
        "kind": q("crowdfunding"), "allocation": "8450.00 GBP", "bid-hours": "10"}))
    receive("PLAYPARK", datetime.date(2020, 8, 31), Decimal(8450), "Crowdfunding platform",
            DONATIONS)
    spend("PLAYPARK", datetime.date(2020, 9, 20), Decimal(8450), "Play park equipment")

    # The collection fund: what was budgeted and collected, and the council's share.
    for fund_id, tax, budgeted, collected, share in (
            ("CT-2020", "council-tax", "78500000.00", "76410000.00", "0.12"),
            ("NNDR-2020", "business-rates", "41200000.00", "36950000.00", "0.40")):
        w.entry(f'2021-03-31 custom "cwl-collection-fund" "{fund_id}"\n'
                f'  tax: "{tax}"\n  budgeted: {budgeted} GBP\n'
                f"  collected: {collected} GBP\n  share: {share}\n")
