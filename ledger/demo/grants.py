"""Stream 1, emergency business grants: awards and payments under the five
COVID schemes, a recovered wrong payment, and the planted grant faults."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from ledger import accounts
from ledger.demo.books import BANK, FY_END, DemoBooks, money, q, txn
from ledger.demo.world import Org
from ledger.demo.writer import LedgerWriter


@dataclass
class Grants:
    books: DemoBooks
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
        if prop:
            self.books.property_awards.append((scheme, prop, rv, org, date, line))
        return award_id, line

    def pay(self, scheme: str, org: Org, award_id: str, amount: Decimal,
            date: datetime.date, fingerprint: str | None = None) -> int:
        meta = {"bank-fingerprint": q(fingerprint or org.fingerprint)}
        national = self.books.world.national.get(fingerprint or org.fingerprint or "")
        if national:
            meta["bank-fingerprint-national"] = q(national)
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


def write_grants(books: DemoBooks, orgs: LedgerWriter) -> list[Org]:
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


def _plant_grant_faults(books: DemoBooks, g: Grants, sbgf: list, rhlgf: list[Org]) -> None:
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
    twin = Org(f"360G-{world.council.slug}-b-{twin.company_number}", twin.name, twin.postcode,
               company_number=rhlgf[5].company_number, fingerprint=twin.fingerprint, sme=True)
    g.declare(twin)
    _, line = g.award_and_pay("RHLGF", twin, Decimal(10000), datetime.date(2020, 8, 20),
                              prop=world.property_ref(), rv=11000)
    books.plant(w, line, "grants.duplicate-company",
                f"{twin.name} gives the company number of {rhlgf[5].name}")

