"""Voluntary groups funded by type: one-off grants from the Community Group
Fund (open to any group, paid within days of application, mutual aid groups
through a host), funding agreements paid in instalments and varied as
delivery changed, and relief requests, with the planted VCSE faults.

Everything here is drawn from its own seeded generator and written to its
own file, so adding it moves no line of the other streams' files.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from ledger import accounts
from ledger import metadata as md
from ledger.demo.books import BANK, DemoBooks, money, q, txn
from ledger.demo.world import Council
from ledger.demo.writer import LedgerWriter

FILE = "vcse.beancount"
PAY_WITHIN = 10
_PURPOSES = ("Food parcels for shielding residents", "Prescription collection by volunteers",
             "Phone befriending for isolated older people", "Hot meals delivered to homes",
             "Digital devices for online activities", "Emergency fuel top-ups")

SCHEME = f"""\
2020-04-20 custom "cwl-scheme" "CGF"
  title: "Community Group Fund (one-off grants)"
  opens: 2020-04-20
  closes: 2021-03-31
  amounts: "max 5000"
  one-per-property: FALSE
  pay-within: {PAY_WITHIN}
  purpose: "A one-off grant up to £5,000, open to any community group."
  grant-reason: "GTIR120"
  grant-purpose: "GTIP160"
  classification: "Lunesdale grant types | COVID-COMMUNITY | COVID-19 community response"

"""


@dataclass(frozen=True)
class Group:
    id: str
    name: str
    postcode: str
    charity_number: str | None = None
    unincorporated: bool = False
    host: str | None = None

    def declaration(self) -> str:
        lines = [f'2020-01-01 custom "cwl-organisation" "{self.id}"', f'  name: "{self.name}"',
                 f'  postcode: "{self.postcode}"']
        if self.charity_number:
            lines.append(f'  charity-number: "{self.charity_number}"')
        lines.append("  vcse: TRUE")
        if self.unincorporated:
            lines.append("  unincorporated: TRUE")
        if self.host:
            lines.append(f'  host: "{self.host}"')
        return "\n".join(lines) + "\n"


# Charity numbers from the top of the council's own range (``world.Council``),
# which its other organisations do not reach: no two councils share one.
_RANGE_TOP = 1000000 + 59000


def _groups(council: Council) -> dict[str, Group]:
    """The demo's groups: charities (one the accountable body hosting a
    mutual aid group) and two unincorporated mutual aid groups."""
    def charity(key: str, name: str, n: int, postcode: str) -> tuple[str, Group]:
        number = _RANGE_TOP + council.numbers + n
        return key, Group(f"GB-CHC-{number}", name, postcode, str(number))

    slug = council.slug
    groups = dict((
        charity("cvs", "Council for Voluntary Service", 1, "LA1 1DW"),
        charity("pantry", "Bay Community Pantry Trust", 2, "LA4 4BP"),
        charity("carers", "Lune Valley Carers Trust", 3, "LA2 8LB"),
        charity("youth", "Heysham Youth Trust", 4, "LA3 2HY"),
        charity("meals", "Castle Hill Meals on Wheels", 5, "LA1 3HW"),
    ))
    groups["hosted"] = Group(f"360G-{slug}-ma-0001", "Bay Street Mutual Aid", "LA4 5BS",
                             unincorporated=True, host=groups["cvs"].id)
    groups["unhosted"] = Group(f"360G-{slug}-ma-0002", "Fell View Mutual Aid", "LA2 6FW",
                               unincorporated=True)
    return groups


class _Writer:
    """Awards and payments of this stream, in the grants vocabulary."""

    def __init__(self, books: DemoBooks, w: LedgerWriter) -> None:
        self.books, self.w = books, w

    def award(self, scheme: str, award_id: str, group: Group, amount: Decimal,
              day: datetime.date, meta: dict[str, str], links: tuple[str, ...] = ()) -> int:
        meta = {"scheme": q(scheme), md.ORG_ID: q(group.id), **meta}
        return self.w.txn(txn(day, group.name, f"{scheme} award", [
            (f"{accounts.GRANTS}:{scheme}", money(amount)),
            (f"{accounts.GRANTS_PAYABLE}:{scheme}", "")], meta, (f"award-{award_id}", *links)))

    def pay(self, scheme: str, award_id: str, group: Group, amount: Decimal,
            day: datetime.date, what: str = "payment", links: tuple[str, ...] = ()) -> int:
        return self.w.txn(txn(day, group.name, f"{scheme} {what}", [
            (f"{accounts.GRANTS_PAYABLE}:{scheme}", money(amount)), (BANK, "")], None,
            (f"award-{award_id}", *links)))


def write_vcse(books: DemoBooks) -> None:
    """One-off grants, funding agreements with a variation, relief
    requests, and a fault of each new rule."""
    w = books.open(FILE, "Voluntary groups: one-off grants, funding agreements, relief requests")
    rng = random.Random("lunesdale-vcse")
    out = _Writer(books, w)
    for name in (f"{accounts.GRANTS}:CGF", f"{accounts.GRANTS_PAYABLE}:CGF"):
        w.write(f"2020-01-01 open {name} GBP\n")
    w.write("\n")
    w.write(SCHEME)
    groups = _groups(books.world.council)
    for group in groups.values():
        w.entry(group.declaration())
    _one_off_grants(books, out, groups, rng)
    _agreements(books, out, groups)
    _requests(books, w, groups)


def _one_off_grants(books: DemoBooks, out: _Writer, groups: dict[str, Group],
                    rng: random.Random) -> None:
    """Community Group Fund grants, each paid within days of its
    application; then one paid late and one to a mutual aid group with no
    host."""
    applied = datetime.date(2020, 4, 27)

    def grant(n: int, key: str, wait: int) -> tuple[int, int]:
        nonlocal applied
        applied += datetime.timedelta(days=rng.randint(3, 12))
        award_id, amount = f"CGF-{n:04d}", Decimal(rng.randint(10, 50) * 100)
        day = applied + datetime.timedelta(days=rng.randint(0, 2))
        line = out.award("CGF", award_id, groups[key], amount, day,
                         {md.FUNDING_TYPE: q("one-off-grant"), md.APPLIED: str(applied),
                          md.PURPOSE: q(rng.choice(_PURPOSES))})
        paid = out.pay("CGF", award_id, groups[key], amount, applied + datetime.timedelta(
            days=wait))
        return line, paid

    for n, key in enumerate(("pantry", "carers", "youth", "meals", "hosted", "cvs"), start=1):
        grant(n, key, rng.randint(2, PAY_WITHIN))
    line, _ = grant(7, "youth", PAY_WITHIN + 18)
    books.plant(out.w, line, "grants.slow-payment",
                f"CGF grant paid {PAY_WITHIN + 18} days after application "
                f"(pay-within {PAY_WITHIN})")
    line, _ = grant(8, "unhosted", 3)
    books.plant(out.w, line, "grants.unincorporated-no-host",
                "CGF grant to an unincorporated mutual aid group with no host")


@dataclass(frozen=True)
class _Agreement:
    id: str
    group: str
    value: int
    start: datetime.date
    end: datetime.date
    instalments: tuple[tuple[datetime.date, int], ...]

    def declaration(self, group: Group) -> str:
        schedule = ", ".join(f"{due}: {amount}" for due, amount in self.instalments)
        return (f'{self.start} custom "cwl-agreement" "{self.id}"\n'
                f'  recipient: "{group.id}"\n  value: {money(self.value)} GBP\n'
                f"  start: {self.start}\n  end: {self.end}\n"
                f'  instalments: "{schedule}"\n  scheme: "VCSE"\n'
                f'  title: "Community support agreement with {group.name}"\n')


def _date(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


AGREEMENTS = (
    # Paid on schedule; varied when its lunch club became meal deliveries.
    _Agreement("AGR-001", "meals", 30000, _date("2020-05-01"), _date("2021-03-31"),
               ((_date("2020-05-15"), 10000), (_date("2020-09-15"), 10000),
                (_date("2021-01-15"), 10000))),
    # Its December instalment was never paid.
    _Agreement("AGR-002", "carers", 24000, _date("2020-06-01"), _date("2021-05-31"),
               ((_date("2020-06-01"), 6000), (_date("2020-09-01"), 6000),
                (_date("2020-12-01"), 6000), (_date("2021-05-01"), 6000))),
    # Ended early by a variation, yet its second instalment went out after.
    _Agreement("AGR-003", "youth", 10000, _date("2020-06-01"), _date("2020-12-31"),
               ((_date("2020-06-15"), 5000), (_date("2020-12-01"), 5000))),
)


def _agreements(books: DemoBooks, out: _Writer, groups: dict[str, Group]) -> None:
    """Each agreement, its award for the whole value (approved by the
    panel) and its instalments paid; a variation of each kind."""
    w = out.w
    lines = {}
    for n, agreement in enumerate(AGREEMENTS, start=1):
        group = groups[agreement.group]
        lines[agreement.id] = w.entry(agreement.declaration(group))
        link = (f"agreement-{agreement.id}",)
        award_id = f"VCSE-A{n:03d}"
        out.award("VCSE", award_id, group, Decimal(agreement.value), agreement.start,
                  {md.FUNDING_TYPE: q("funding-agreement"),
                   md.APPLIED: str(agreement.start - datetime.timedelta(days=30)),
                   md.PANEL_APPROVED: str(agreement.start - datetime.timedelta(days=7)),
                   md.PURPOSE: q("Community support through the pandemic")}, link)
        for due, amount in agreement.instalments:
            if agreement.id == "AGR-002" and due >= _date("2020-12-01"):
                continue  # missed
            day = due + datetime.timedelta(days=2)
            if agreement.id == "AGR-003" and due == _date("2020-12-01"):
                line = out.pay("VCSE", award_id, group, Decimal(amount), day,
                               "instalment paid after the agreement ended", link)
                books.plant(w, line, "vcse.paid-after-end",
                            "AGR-003 paid after its end, brought forward by a variation")
                continue
            out.pay("VCSE", award_id, group, Decimal(amount), day, "instalment", link)
    books.plant(w, lines["AGR-002"], "vcse.instalment-missed",
                "AGR-002's December instalment was never paid")
    w.entry('2020-08-03 custom "cwl-variation" "AGR-001"\n'
            '  reason: "Lunch club closed; meals delivered to homes instead"\n'
            "  delivery-changed: TRUE\n  payment-assured: TRUE\n")
    w.entry('2020-10-01 custom "cwl-variation" "AGR-003"\n'
            '  reason: "Youth centre closed for the winter; activities end early"\n'
            "  new-end: 2020-10-31\n  delivery-changed: TRUE\n  payment-assured: FALSE\n")


def _requests(books: DemoBooks, w: LedgerWriter, groups: dict[str, Group]) -> None:
    """Relief requests: two decided, one left undecided for months."""
    w.entry('2020-06-10 custom "cwl-relief-request" "RR-001"\n'
            f'  org: "{groups["pantry"].id}"\n  received: 2020-06-10\n'
            '  decided: 2020-06-24\n  outcome: "approved"\n')
    w.entry('2020-09-01 custom "cwl-relief-request" "RR-002"\n'
            f'  org: "{groups["youth"].id}"\n  received: 2020-09-01\n'
            '  decided: 2020-09-18\n  outcome: "declined"\n')
    line = w.entry('2021-01-11 custom "cwl-relief-request" "RR-003"\n'
                   f'  org: "{groups["hosted"].host}"\n  received: 2021-01-11\n')
    books.plant(w, line, "vcse.request-undecided",
                "a relief request received in January, still undecided")
