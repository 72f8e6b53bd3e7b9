"""Writes the demo ledger: Lunesdale District Council's FY2020/21 books.

All four streams are there, with known faults planted for the rules to find
(listed with file, line and rule code in ``planted-faults.json``), and
ordinary supplier payments filling the books up to ``--size`` transactions,
streamed to disk so a million transactions fit in bounded memory.
"""

from __future__ import annotations

import datetime
import json
import random
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from pathlib import Path

from ledger import accounts
from ledger.demo import inputs
from ledger.demo.world import COUNCIL_NAME, Org, World
from ledger.demo.writer import LedgerWriter

FY_START = datetime.date(2020, 4, 1)
FY_END = datetime.date(2021, 3, 31)
DEFAULT_SIZE = 2000

SCHEMES = ("SBGF", "RHLGF", "LADGF", "LRSG-Nov20", "VCSE")
CONTRACT_SERVICES = ("Waste", "HomeToSchool", "Leisure", "Catering", "Cleaning")
SERVICES = ("Property", "ICT", "Highways", "Parks", "Vehicles", "Printing",
            "Consultancy", "Training", "Legal", "Stationery")
FEE_LINES = ("Parking", "Leisure", "Culture", "Planning", "Rents")
BANK = "Assets:Bank:Current"


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


@dataclass
class Books:
    """The open files and what has been planted so far."""

    out: Path
    rng: random.Random
    world: World
    files: dict[str, LedgerWriter] = field(default_factory=dict)
    faults: list[Fault] = field(default_factory=list)

    def open(self, name: str, title: str) -> LedgerWriter:
        self.files[name] = LedgerWriter(self.out / name, title)
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


def write_accounts(books: Books) -> None:
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
    w.txn(txn(datetime.date(2020, 3, 31), COUNCIL_NAME, "Opening cash balance",
              [(BANK, "60000000.00"), (accounts.OPENING, "")]))


# -- 1. Emergency grants ------------------------------------------------------

@dataclass
class Grants:
    books: Books
    w: LedgerWriter
    orgs: LedgerWriter
    count: dict[str, int] = field(default_factory=dict)

    def next_id(self, scheme: str) -> str:
        self.count[scheme] = self.count.get(scheme, 0) + 1
        return f"{scheme}-{self.count[scheme]:04d}"

    def declare(self, org: Org) -> int:
        return self.orgs.entry(org.declaration())

    def award(self, scheme: str, org: Org, amount: Decimal, date: datetime.date,
              prop: str | None = None, rv: int | None = None, panel: bool = False,
              award_id: str | None = None) -> tuple[str, int]:
        award_id = award_id or self.next_id(scheme)
        meta = {"scheme": q(scheme), "org-id": q(org.id)}
        if prop:
            meta["property-ref"] = q(prop)
        if rv is not None:
            meta["rateable-value"] = str(rv)
        if panel:
            meta["panel-approved"] = str(date - datetime.timedelta(days=2))
        line = self.w.txn(txn(date, org.name, f"{scheme} award", [
            (f"{accounts.GRANTS}:{scheme}", money(amount)),
            (f"{accounts.GRANTS_PAYABLE}:{scheme}", "")], meta, (f"award-{award_id}",)))
        return award_id, line

    def pay(self, scheme: str, org: Org, award_id: str, amount: Decimal,
            date: datetime.date, fingerprint: str | None = None) -> int:
        meta = {"bank-fingerprint": q(fingerprint or org.fingerprint)}
        return self.w.txn(txn(date, org.name, f"{scheme} payment", [
            (f"{accounts.GRANTS_PAYABLE}:{scheme}", money(amount)), (BANK, "")],
            meta, (f"award-{award_id}",)))

    def award_and_pay(self, scheme: str, org: Org, amount: Decimal,
                      date: datetime.date, **kw) -> tuple[str, int]:
        award_id, line = self.award(scheme, org, amount, date, **kw)
        self.pay(scheme, org, award_id, amount, date + datetime.timedelta(days=2))
        return award_id, line


def rhlgf_amount(rv: int) -> Decimal:
    return Decimal(10000 if rv <= 15000 else 25000)


def lrsg_amount(rv: int) -> Decimal:
    return Decimal(1334 if rv <= 15000 else 2000 if rv < 51000 else 3000)


def write_grants(books: Books, orgs: LedgerWriter) -> list[Org]:
    """Awards, payments, recoveries and the planted grant faults."""
    rng, world = books.rng, books.world
    g = Grants(books, books.open("grants.beancount", "Emergency grants"), orgs)
    w = g.w
    spring = (datetime.date(2020, 4, 6), datetime.date(2020, 7, 31))

    for scheme, amount in (("SBGF", 1450000), ("RHLGF", 1800000), ("LADGF", 160000),
                           ("LRSG-Nov20", 150000)):
        w.txn(txn(datetime.date(2020, 4, 3) if scheme != "LRSG-Nov20"
                  else datetime.date(2020, 11, 6), "BEIS", f"{scheme} funding received",
                  [(BANK, money(amount)), (f"{accounts.GRANT_FUNDING}:{scheme}", "")]))

    sbgf = []
    for i in range(120):
        org = world.sole_trader() if i % 15 == 0 else world.business()
        g.declare(org)
        prop = world.property_ref()
        g.award_and_pay("SBGF", org, Decimal(10000), books.day(*spring), prop=prop,
                        rv=rng.randint(1500, 15000))
        sbgf.append((org, prop))
    # A business with two eligible properties gets one grant per property.
    multi = world.business()
    g.declare(multi)
    for _ in range(2):
        g.award_and_pay("SBGF", multi, Decimal(10000), books.day(*spring),
                        prop=world.property_ref(), rv=rng.randint(3000, 12000))

    rhlgf = []
    for _ in range(60):
        org = world.business()
        g.declare(org)
        rv = rng.randint(4000, 50000)
        g.award_and_pay("RHLGF", org, rhlgf_amount(rv), books.day(*spring),
                        prop=world.property_ref(), rv=rv)
        rhlgf.append(org)

    # A wrong payment, recovered: nets off, no fault.
    org, _ = sbgf[3]
    award_id = "SBGF-0004"
    day = datetime.date(2020, 8, 3)
    g.pay("SBGF", org, award_id, Decimal(10000), day)
    w.txn(txn(day + datetime.timedelta(days=21), org.name, "SBGF duplicate payment recovered",
              [(BANK, "10000.00"), (f"{accounts.GRANTS}:SBGF", "-10000.00")],
              {"recovery": "TRUE"}, (f"award-{award_id}",)))

    discretionary = (datetime.date(2020, 6, 8), datetime.date(2020, 9, 25))
    for _ in range(20):
        org = world.business()
        g.declare(org)
        amount = Decimal(rng.choice((25000, 10000, rng.randint(20, 95) * 100)))
        g.award_and_pay("LADGF", org, amount, books.day(*discretionary),
                        prop=world.property_ref(), panel=True)

    lockdown = (datetime.date(2020, 11, 9), datetime.date(2020, 12, 18))
    for i in range(50):
        org, prop = sbgf[10 + i] if i < 40 else (world.business(), world.property_ref())
        if i >= 40:
            g.declare(org)
        rv = rng.randint(2000, 70000)
        g.award_and_pay("LRSG-Nov20", org, lrsg_amount(rv), books.day(*lockdown),
                        prop=prop, rv=rv)

    vcse = []
    for _ in range(25):
        org = world.group()
        g.declare(org)
        amount = Decimal(rng.randint(5, 150) * 100)
        g.award_and_pay("VCSE", org, amount, books.day(datetime.date(2020, 4, 27), FY_END),
                        panel=True)
        vcse.append(org)

    _plant_grant_faults(books, g, sbgf, rhlgf)
    return vcse


def _plant_grant_faults(books: Books, g: Grants, sbgf: list, rhlgf: list[Org]) -> None:
    rng, world, w = books.rng, books.world, g.w
    day = datetime.date(2020, 6, 15)

    # Planted duplicates come after the original awards (spring 2020).
    late = datetime.date(2020, 8, 10)
    org, prop = sbgf[20]
    _, line = g.award_and_pay("SBGF", org, Decimal(10000), late, prop=prop, rv=9000)
    books.plant(w, line, "grants.one-per-property", f"second SBGF award for property {prop}")

    org = world.business()
    g.declare(org)
    _, line = g.award_and_pay("RHLGF", org, Decimal(25000), day,
                              prop=world.property_ref(), rv=12000)
    books.plant(w, line, "grants.amount", "RHLGF £25,000 paid at RV £12,000 (due £10,000)")

    org, prop = sbgf[30]
    _, line = g.award_and_pay("RHLGF", org, Decimal(10000), late + datetime.timedelta(days=3),
                              prop=prop, rv=9000)
    books.plant(w, line, "grants.exclusive", f"property {prop} had SBGF, then RHLGF")

    org, _ = sbgf[40]
    _, line = g.award_and_pay("LADGF", org, Decimal(5000), datetime.date(2020, 7, 20),
                              prop=world.property_ref(), panel=True)
    books.plant(w, line, "grants.excluded-recipient", "LADGF to a business that had SBGF")

    org, _ = sbgf[50]
    line = g.pay("SBGF", org, "SBGF-9999", Decimal(10000), datetime.date(2020, 7, 2))
    books.plant(w, line, "grants.no-award", "payment for award SBGF-9999 that does not exist")

    org = world.business()
    g.declare(org)
    award_id, _ = g.award("SBGF", org, Decimal(10000), day, prop=world.property_ref(),
                          rv=7000)
    line = g.pay("SBGF", org, award_id, Decimal(12000), day + datetime.timedelta(days=1))
    books.plant(w, line, "grants.overpaid", f"£12,000 paid on £10,000 award {award_id}")

    first = world.business()
    second = world.business()
    g.declare(first)
    g.declare(second)
    g.award_and_pay("SBGF", first, Decimal(10000), day, prop=world.property_ref(), rv=6000)
    award_id, _ = g.award("SBGF", second, Decimal(10000), day + datetime.timedelta(days=5),
                          prop=world.property_ref(), rv=8000)
    line = g.pay("SBGF", second, award_id, Decimal(10000), day + datetime.timedelta(days=6),
                 fingerprint=first.fingerprint)
    books.plant(w, line, "grants.duplicate-bank",
                f"{second.name} paid into {first.name}'s bank account")

    org = world.group()
    g.declare(org)
    _, line = g.award_and_pay("VCSE", org, Decimal(4500), datetime.date(2020, 9, 9))
    books.plant(w, line, "grants.no-panel", "VCSE award with no panel approval")

    chain = world.business(where="elsewhere", sme=False)
    chain = Org(chain.id, "Northway Bakeries Ltd", chain.postcode, chain.company_number,
                fingerprint=chain.fingerprint)
    g.declare(chain)
    for i in range(30):
        _, line = g.award_and_pay("RHLGF", chain, Decimal(25000),
                                  datetime.date(2020, 5, 1) + datetime.timedelta(days=i),
                                  prop=world.property_ref(), rv=rng.randint(20000, 45000))
        if i == 28:
            books.plant(w, line, "grants.subsidy-limit",
                        "Northway Bakeries passes the EUR 800,000 Temporary Framework cap")

    org = world.business()
    g.declare(org)
    _, line = g.award_and_pay("SBGF", org, Decimal(10000), datetime.date(2020, 10, 15),
                              prop=world.property_ref(), rv=5000)
    books.plant(w, line, "grants.outside-dates", "SBGF award after the scheme closed")

    twin = world.business()
    twin = Org(f"360G-lunesdale-b-{twin.company_number}", twin.name, twin.postcode,
               company_number=rhlgf[5].company_number, fingerprint=twin.fingerprint, sme=True)
    g.declare(twin)
    _, line = g.award_and_pay("RHLGF", twin, Decimal(10000), datetime.date(2020, 8, 20),
                              prop=world.property_ref(), rv=11000)
    books.plant(w, line, "grants.duplicate-company",
                f"{twin.name} gives the company number of {rhlgf[5].name}")


# -- 2. Supplier relief -------------------------------------------------------

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


def write_relief(books: Books, orgs: LedgerWriter) -> dict[str, Org]:
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


# -- 3. Social value ------------------------------------------------------------

COMMITMENTS = {
    "CON-0001": (("LOC-EMP", 6), ("APPR", 104), ("CO2-SAVED", 120)),
    "CON-0002": (("LOC-EMP", 3), ("VOL-HRS", 200)),
    "CON-0003": (("VOL-HRS", 600), ("DON-LOCAL", 15000)),
    "CON-0011": (("LOC-EMP", 2), ("APPR", 52)),
    "CON-0012": (("LOC-EMP", 4), ("CO2-SAVED", 80)),
}


def write_social_value(books: Books) -> None:
    w = books.open("social-value.beancount", "Social value committed and delivered")
    rng = books.rng
    for contract, measures in COMMITMENTS.items():
        for measure, quantity in measures:
            w.entry(f'2019-04-01 custom "cwl-commitment" "{contract}"\n'
                    f'  measure: "{measure}"\n  quantity: {quantity}\n')
        for quarter_end in ("2020-06-30", "2020-09-30", "2020-12-31", "2021-03-31"):
            for measure, quantity in measures:
                share = Decimal(rng.randint(15, 30)) / 100
                delivered = (Decimal(quantity) * share).quantize(Decimal("0.1"))
                w.entry(f'{quarter_end} custom "cwl-delivery" "{contract}"\n'
                        f'  measure: "{measure}"\n  quantity: {delivered}\n')
    line = w.entry('2021-03-31 custom "cwl-delivery" "CON-0011"\n'
                   '  measure: "LOC-EMPL"\n  quantity: 1\n')
    books.plant(w, line, "sv.unknown-measure", "measure code LOC-EMPL is not declared")
    line = w.entry('2021-03-31 custom "cwl-delivery" "CON-0012"\n'
                   '  measure: "LOC-EMP"\n  quantity: 40\n  unit: "hours"\n')
    books.plant(w, line, "sv.unit", "LOC-EMP is counted in FTE, not hours")


# -- 4. Claims ----------------------------------------------------------------------

# Share of budgeted income actually collected, by month from April.
COLLECTED = (0.15, 0.2, 0.3, 0.55, 0.6, 0.65, 0.6, 0.35, 0.5, 0.3, 0.35, 0.5)
BUDGETS = {"Parking": 2000000, "Leisure": 1200000, "Culture": 400000, "Planning": 600000,
           "Rents": 800000}
PERIODS = (("SFC-P1", (0, 4), "2020-09-30", "2020-10-28"),
           ("SFC-P2", (4, 8), "2020-12-18", "2021-01-27"),
           ("SFC-P3", (8, 12), "2021-04-23", "2021-05-26"))


def write_claims(books: Books, suppliers: list[Org]) -> None:
    rng = books.rng
    w = books.open("claims.beancount", "Tranches, income loss and COVID cost claims")
    for day, number, amount in (("2020-03-27", 1, "48562.00"), ("2020-05-19", 2, "1196311.00"),
                                ("2020-07-16", 3, "287404.00"), ("2020-11-10", 4, "398201.00")):
        w.txn(txn(datetime.date.fromisoformat(day), "MHCLG",
                  f"COVID-19 emergency funding tranche {number}",
                  [(BANK, amount), (accounts.TRANCHE_INCOME, "")], {"tranche": str(number)}))
    w.txn(txn(datetime.date(2020, 5, 22), "DHSC", "Infection Control Fund (ring-fenced)",
              [(BANK, "400000.00"), (f"{accounts.RING_FENCED}:ICF", "")], {"fund": q("ICF")}))

    losses: dict[str, list[int]] = {}
    for line, budget in BUDGETS.items():
        account = f"{accounts.FEES_AND_CHARGES}:{line}"
        monthly = Decimal(budget) / 12
        losses[line] = []
        for month, share in enumerate(COLLECTED):
            day = datetime.date(2020 + (month + 3) // 12, (month + 3) % 12 + 1, 28)
            taken = (monthly * Decimal(str(share))).quantize(Decimal("1"))
            w.txn(txn(day, COUNCIL_NAME, f"{line} income, {day:%B %Y}",
                      [(BANK, money(taken)), (account, "")]))
            losses[line].append(int(monthly - taken) - int(monthly * Decimal("0.03")))

    claimed: dict[str, Decimal] = {line: Decimal(0) for line in BUDGETS}
    loss_to_date: dict[str, int] = {line: 0 for line in BUDGETS}
    for period, (first, last), claim_day, paid_day in PERIODS:
        postings, total = [], Decimal(0)
        for line, budget in BUDGETS.items():
            loss = sum(losses[line][first:last])
            loss_to_date[line] += loss
            due = Decimal("0.75") * max(Decimal(0), loss_to_date[line] - Decimal("0.05") * budget)
            due -= claimed[line]
            if line == "Rents" and period != "SFC-P1":
                continue
            if line == "Leisure" and period == "SFC-P2":
                due += 5000
            claimed[line] += due
            total += due
            postings.append(f"  {accounts.SFC_COMPENSATION:<40} {money(-due)} GBP\n"
                            f'    income-line: "{line}"\n    relevant-loss: {money(loss)}\n')
        text = (f'{claim_day} * "MHCLG" "Sales, fees and charges claim {period}" ^claim-{period}\n'
                f"  {accounts.CLAIMS_RECEIVABLE:<40} {money(total)} GBP\n" + "".join(postings))
        line_no = w.txn(text)
        if period == "SFC-P1":
            books.plant(w, line_no, "claims.excluded-income", "commercial rents claimed")
        if period == "SFC-P2":
            books.plant(w, line_no, "claims.sfc-amount", "Leisure overclaimed by £5,000")
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


# -- Local spend: the bulk of the books ---------------------------------------------

def write_spend(books: Books, orgs: LedgerWriter) -> list[Org]:
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


def write_filler(books: Books, suppliers: list[Org], size: int) -> None:
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


# -- The whole ledger -----------------------------------------------------------------

INCLUDES = ("settings.beancount", "accounts.beancount", "organisations.beancount",
            "grants.beancount", "relief.beancount", "social-value.beancount",
            "claims.beancount", "spend.beancount")


def generate(outdir: str | Path, size: int | None = None, seed: int = 2020,
             plugins: bool = True) -> Summary:
    """Write the demo ledger into ``outdir``; same seed, same bytes."""
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    size = DEFAULT_SIZE if size is None else size
    books = Books(out, random.Random(seed), World(random.Random(seed)))
    (out / "settings.beancount").write_text(
        resources.files("ledger.demo").joinpath("settings.beancount").read_text("utf-8"),
        encoding="utf-8")
    write_accounts(books)
    orgs = books.open("organisations.beancount", "Organisations: payees and recipients")
    vcse = write_grants(books, orgs)
    contract_suppliers = write_relief(books, orgs)
    write_social_value(books)
    suppliers = write_spend(books, orgs)
    write_claims(books, suppliers + list(contract_suppliers.values()))
    if size < books.transactions:
        for writer in books.files.values():  # leave no half-written books
            writer.close()
            writer.path.unlink()
        (out / "settings.beancount").unlink()
        raise ValueError(f"--size must be at least {books.transactions} "
                         "(the transactions of the core books)")
    write_filler(books, suppliers, size)
    transactions = books.transactions
    for writer in books.files.values():
        writer.close()

    plugin = ('plugin "rules.all"\n'
              '2020-01-01 custom "fava-extension" "reports.fava"\n\n' if plugins else "")
    main = out / "main.beancount"
    main.write_text(
        f";; {COUNCIL_NAME} (fictional): FY2020/21 books written by `cwl demo`.\n"
        f';; Seed {seed}, {transactions} transactions.\n\n'
        f'option "title" "{COUNCIL_NAME}"\n'
        'option "operating_currency" "GBP"\n\n'
        f"{plugin}" + "".join(f'include "{name}"\n' for name in INCLUDES),
        encoding="utf-8")
    faults = [fault.__dict__ for fault in books.faults]
    (out / "planted-faults.json").write_text(json.dumps(faults, indent=2) + "\n",
                                             encoding="utf-8")
    inputs.write_inputs(out / "inputs", random.Random(seed), vcse, suppliers)
    return Summary(main, transactions, len(faults))
