"""Stream 2, PPN 02/20 supplier relief: the council's contracts, relief
payments, reconciliations and recoveries, and the planted relief faults."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from ledger import accounts
from ledger.demo.books import BANK, DemoBooks, money, q, txn
from ledger.demo.world import Org
from ledger.demo.writer import LedgerWriter


@dataclass(frozen=True)
class ContractPlan:
    id: str
    service: str
    value: int
    relief: tuple[tuple[str, str, int], ...] = ()  # (date, type, amount)
    transition_plan: bool = False
    actual_cost: int | None = None
    reconciled: str | None = None
    recovered: int = 0
    furlough: tuple[str, str] | None = None
    where: str = "own-area"


CONTRACTS = (
    ContractPlan("CON-0001", "Waste", 2400000),
    ContractPlan("CON-0002", "HomeToSchool", 480000,
                 tuple((f"2020-{m:02d}-20", "interim", 40000) for m in range(4, 11)),
                 transition_plan=True, actual_cost=267500, reconciled="2020-12-15",
                 recovered=12500),
    ContractPlan("CON-0003", "Leisure", 900000,
                 (("2020-04-06", "advance", 225000), ("2020-05-20", "interim", 30000),
                  ("2020-06-19", "interim", 30000)),
                 actual_cost=300000, reconciled="2021-02-10", where="region"),
    ContractPlan("CON-0004", "Catering", 200000, (("2020-04-09", "advance", 60000),),
                 actual_cost=60000, reconciled="2020-12-04"),
    ContractPlan("CON-0005", "Cleaning", 150000,
                 (("2020-04-17", "interim", 10000), ("2020-05-15", "interim", 10000),
                  ("2020-06-16", "interim", 10000), ("2020-08-14", "interim", 10000)),
                 actual_cost=40000, reconciled="2020-12-01"),
    ContractPlan("CON-0006", "HomeToSchool", 320000,
                 (("2020-04-22", "on-account", 20000), ("2020-05-21", "on-account", 20000),
                  ("2020-06-22", "on-account", 20000)),
                 actual_cost=60000, reconciled="2020-11-20",
                 furlough=("2020-05-01", "2020-05-31"), where="elsewhere"),
    ContractPlan("CON-0007", "Waste", 600000,
                 tuple((f"2020-{m:02d}-10", "interim", 25000) for m in (4, 5, 6)),
                 where="region"),
    ContractPlan("CON-0008", "Catering", 250000,
                 tuple((f"2020-{m:02d}-12", "interim", 15000) for m in (4, 5, 6)),
                 actual_cost=38000, reconciled="2020-12-10"),
    ContractPlan("CON-0009", "Leisure", 400000,
                 tuple((f"2020-{m:02d}-08", "interim", 12000) for m in range(4, 11))
                 + (("2020-11-16", "interim", 12000),),
                 transition_plan=True, actual_cost=96000, reconciled="2021-01-08"),
    ContractPlan("CON-0010", "Cleaning", 300000,
                 (("2020-05-05", "prepayment", 15000), ("2020-06-05", "interim", 15000)),
                 transition_plan=True, actual_cost=30000, reconciled="2020-12-18",
                 where="elsewhere"),
    ContractPlan("CON-0011", "Catering", 180000, where="elsewhere"),
    ContractPlan("CON-0012", "Waste", 360000, where="region"),
)


def write_relief(books: DemoBooks, orgs: LedgerWriter) -> dict[str, Org]:
    """Contracts, relief payments, reconciliations, recoveries and faults."""
    world = books.world
    w = books.open("relief.beancount", "Contracts and PPN 02/20 supplier relief")
    suppliers: dict[str, Org] = {}
    for plan in CONTRACTS:
        supplier = world.business(plan.where, sme=plan.value < 500000)
        suppliers[plan.id] = supplier
        orgs.entry(supplier.declaration())
        lines = [f'2019-04-01 custom "cwl-contract" "{plan.id}"',
                 f'  supplier: "{supplier.id}"',
                 f'  title: "{plan.service} services"',
                 f"  value: {money(plan.value)} GBP",
                 "  start: 2019-04-01", "  end: 2022-03-31"]
        if plan.transition_plan:
            lines += ["  transition-plan: TRUE", "  exit-date: 2020-10-31"]
        if plan.relief:
            lines.append("  reconcile-by: 2021-02-28" if plan.id == "CON-0003"
                         else "  reconcile-by: 2021-01-31")
        if plan.furlough:
            lines += [f"  furlough-from: {plan.furlough[0]}", f"  furlough-to: {plan.furlough[1]}"]
        line = w.entry("\n".join(lines) + "\n")
        if plan.id == "CON-0007":
            books.plant(w, line, "relief.unreconciled", "relief paid, never reconciled")

        account = f"{accounts.CONTRACTS}:{plan.service}"
        if not plan.relief:
            monthly = Decimal(plan.value) / 36
            for month in range(12):
                day = datetime.date(2020 + (month + 3) // 12, (month + 3) % 12 + 1, 25)
                w.txn(txn(day, supplier.name, f"{plan.service} contract payment",
                          [(account, money(monthly.quantize(Decimal("0.01")))), (BANK, "")],
                          {"org-id": q(supplier.id), "contract": q(plan.id)},
                          (f"contract-{plan.id}",)))
        for date, kind, amount in plan.relief:
            line = w.txn(txn(datetime.date.fromisoformat(date), supplier.name,
                             f"Relief: {kind} payment", [(account, money(amount)), (BANK, "")],
                             {"org-id": q(supplier.id), "contract": q(plan.id),
                              "relief-type": q(kind)}, (f"contract-{plan.id}",)))
            fault = {("CON-0004", "advance"): ("relief.advance-cap", "advance of 30% of value"),
                     ("CON-0005", "2020-08-14"): ("relief.no-transition-plan",
                                                  "PPN 04/20 relief without a transition plan"),
                     ("CON-0006", "2020-05-21"): ("relief.double-recovery",
                                                  "relief while the supplier claimed furlough"),
                     ("CON-0009", "2020-11-16"): ("relief.outside-ppn", "relief after 31 Oct 2020"),
                     ("CON-0010", "prepayment"): ("relief.type", "relief type 'prepayment'")}
            planted = fault.get((plan.id, kind)) or fault.get((plan.id, date))
            if planted:
                books.plant(w, line, *planted)
        if plan.reconciled:
            line = w.entry(f'{plan.reconciled} custom "cwl-reconciliation" "{plan.id}"\n'
                           f"  actual-cost: {money(plan.actual_cost)} GBP\n")
            if plan.id == "CON-0008":
                books.plant(w, line, "relief.excess-owed", "£45,000 relief, £38,000 cost")
        if plan.recovered:
            w.txn(txn(datetime.date(2021, 1, 10), supplier.name, "Relief overpayment recovered",
                      [(BANK, money(plan.recovered)), (account, money(-plan.recovered))],
                      {"contract": q(plan.id), "recovery": "TRUE"}, (f"contract-{plan.id}",)))

    stranger = world.business("elsewhere")
    orgs.entry(stranger.declaration())
    line = w.txn(txn(datetime.date(2020, 5, 27), stranger.name, "Relief: interim payment",
                     [(f"{accounts.CONTRACTS}:Cleaning", "8000.00"), (BANK, "")],
                     {"org-id": q(stranger.id), "contract": q("CON-0099"),
                      "relief-type": q("interim")}, ("contract-CON-0099",)))
    books.plant(w, line, "relief.unknown-contract", "relief on undeclared contract CON-0099")
    return suppliers

