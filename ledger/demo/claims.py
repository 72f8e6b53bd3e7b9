"""Stream 4, claims on government: emergency funding tranches, sales, fees
and charges income-loss claims, COVID cost claims, and the planted claim faults."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ledger import accounts
from ledger.demo.books import BANK, FY_END, FY_START, DemoBooks, money, q, txn
from ledger.demo.world import Org

# Share of budgeted income actually collected, by month from April.
COLLECTED = (0.15, 0.2, 0.3, 0.55, 0.6, 0.65, 0.6, 0.35, 0.5, 0.3, 0.35, 0.5)
BUDGETS = {"Parking": 2000000, "Leisure": 1200000, "Culture": 400000, "Planning": 600000,
           "Rents": 800000}
PERIODS = (("SFC-P1", (0, 4), "2020-09-30", "2020-10-28"),
           ("SFC-P2", (4, 8), "2020-12-18", "2021-01-27"),
           ("SFC-P3", (8, 12), "2021-04-23", "2021-05-26"))


def write_claims(books: DemoBooks, suppliers: list[Org]) -> None:
    rng = books.rng
    w = books.open("claims.beancount", "Tranches, income loss and COVID cost claims")
    for day, number, amount in (("2020-03-27", 1, "48562.00"), ("2020-05-19", 2, "1196311.00"),
                                ("2020-07-16", 3, "287404.00"), ("2020-11-10", 4, "398201.00")):
        w.txn(txn(datetime.date.fromisoformat(day), "MHCLG",
                  f"COVID-19 emergency funding tranche {number}",
                  [(BANK, amount), (accounts.TRANCHE_INCOME, "")], {"tranche": str(number)}))
    w.txn(txn(datetime.date(2020, 5, 22), "DHSC", "Infection Control Fund (ring-fenced)",
              [(BANK, "400000.00"), (f"{accounts.RING_FENCED}:ICF", "")], {"fund": q("ICF")}))

    # Per line and month: income lost against budget (the gross loss) and
    # the costs saved with the service closed (3% of the monthly budget).
    gross: dict[str, list[int]] = {}
    saved: dict[str, list[int]] = {}
    for line, budget in BUDGETS.items():
        account = f"{accounts.FEES_AND_CHARGES}:{line}"
        monthly = Decimal(budget) / 12
        gross[line], saved[line] = [], []
        for month, share in enumerate(COLLECTED):
            day = datetime.date(2020 + (month + 3) // 12, (month + 3) % 12 + 1, 28)
            taken = (monthly * Decimal(str(share))).quantize(Decimal("1"))
            w.txn(txn(day, books.world.council.name, f"{line} income, {day:%B %Y}",
                      [(BANK, money(taken)), (account, "")]))
            gross[line].append(int(monthly - taken))
            saved[line].append(int(monthly * Decimal("0.03")))

    claimed: dict[str, Decimal] = {line: Decimal(0) for line in BUDGETS}
    loss_to_date: dict[str, int] = {line: 0 for line in BUDGETS}
    for period, (first, last), claim_day, paid_day in PERIODS:
        postings, total = [], Decimal(0)
        for line, budget in BUDGETS.items():
            gross_loss = sum(gross[line][first:last])
            if line == "Culture" and period == "SFC-P1":
                gross_loss += 30000  # more than the line fell short by
            savings = sum(saved[line][first:last])
            loss_to_date[line] += gross_loss - savings  # the relevant loss
            due = Decimal("0.75") * max(Decimal(0), loss_to_date[line] - Decimal("0.05") * budget)
            due -= claimed[line]
            if line == "Rents" and period != "SFC-P1":
                continue
            if line == "Leisure" and period == "SFC-P2":
                due += 5000
            claimed[line] += due
            total += due
            postings.append(f"  {accounts.SFC_COMPENSATION:<40} {money(-due)} GBP\n"
                            f'    income-line: "{line}"\n    gross-loss: {money(gross_loss)}\n'
                            f"    savings: {money(savings)}\n")
        text = (f'{claim_day} * "MHCLG" "Sales, fees and charges claim {period}" ^claim-{period}\n'
                f"  {accounts.CLAIMS_RECEIVABLE:<40} {money(total)} GBP\n" + "".join(postings))
        line_no = w.txn(text)
        if period == "SFC-P1":
            books.plant(w, line_no, "claims.excluded-income", "commercial rents claimed")
        if period == "SFC-P2":
            books.plant(w, line_no, "claims.sfc-amount", "Leisure overclaimed by £5,000")
        if period == "SFC-P1":
            books.plant(w, line_no, "claims.loss-exceeds-shortfall",
                        "Culture's gross loss overstated by £30,000")
        received = total - (1000 if period == "SFC-P2" else 0)
        line_no = w.txn(txn(datetime.date.fromisoformat(paid_day), "MHCLG",
                            f"SFC claim {period} received",
                            [(BANK, money(received)), (accounts.CLAIMS_RECEIVABLE, "")],
                            links=(f"claim-{period}",)))
        if period == "SFC-P2":
            books.plant(w, line_no, "claims.receipt-mismatch", "received £1,000 less than claimed")

    claimed_costs = Decimal(0)
    for i in range(120):
        category = rng.choice(accounts.PRESSURE_CATEGORIES)
        supplier = rng.choice(suppliers)
        amount = Decimal(rng.randint(500, 60000))
        meta = {"org-id": q(supplier.id)}
        if category == "AdultSocialCare" and i % 3 == 0:
            meta["fund"] = q("ICF")
        elif rng.random() < 0.8:
            meta["gov-requested"] = "TRUE"
            if rng.random() < 0.85:
                meta["claim"] = q("EXP-2020")
                claimed_costs += amount
        else:
            meta["gov-requested"] = "FALSE"
        w.txn(txn(books.day(FY_START, FY_END), supplier.name, f"COVID-19 {category} costs",
                  [(f"{accounts.COVID_PRESSURES}:{category}", money(amount)), (BANK, "")], meta))
    for fault, meta in (("claims.not-gov-requested", {"gov-requested": "FALSE"}),
                        ("claims.double-funding", {"gov-requested": "TRUE", "fund": q("ICF")})):
        supplier = rng.choice(suppliers)
        amount = Decimal(rng.randint(2000, 20000))
        claimed_costs += amount
        line_no = w.txn(txn(datetime.date(2020, 10, 12), supplier.name, "COVID-19 costs",
                            [(f"{accounts.COVID_PRESSURES}:Other" if "fund" not in meta
                              else f"{accounts.COVID_PRESSURES}:AdultSocialCare", money(amount)),
                             (BANK, "")],
                            {"org-id": q(supplier.id), **meta, "claim": q("EXP-2020")}))
        books.plant(w, line_no, fault, "claimed though " + (
            "not a government-requested task" if "fund" not in meta
            else "met by the Infection Control Fund"))
    w.txn(txn(datetime.date(2021, 4, 30), "MHCLG", "COVID-19 expenditure claim EXP-2020",
              [(accounts.CLAIMS_RECEIVABLE, money(claimed_costs)),
               (accounts.EXPENDITURE_REIMBURSEMENT, "")], links=("claim-EXP-2020",)))
    w.txn(txn(datetime.date(2021, 6, 15), "MHCLG", "COVID-19 expenditure claim received",
              [(BANK, money(claimed_costs)), (accounts.CLAIMS_RECEIVABLE, "")],
              links=("claim-EXP-2020",)))

