"""Payments to people: the demo's hardship support fund (bank payments and
food vouchers) and isolation micro grants, each person known to the books
only by salted references, with the planted hardship faults.

The people are drawn from their own seeded generator, so adding them moves
no line of the other streams' files. ``people()`` gives them back with the
names, postcodes and references the books must never publish (tests search
every output for them).
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from ledger import accounts
from ledger import metadata as md
from ledger.demo.books import BANK, DemoBooks, money, q, txn
from ledger.demo.world import OWN_DISTRICTS, SALT
from ledger.demo.writer import LedgerWriter

FILE = "hardship.beancount"
PEOPLE = 30
_FIRST = ("Ann", "Bilal", "Carys", "Dmitri", "Ella", "Farah", "Gareth", "Hana", "Ivor",
          "Jade", "Kwame", "Lena", "Marek", "Nia", "Owen", "Priya", "Rhys", "Sana")
_LAST = ("Ashworth", "Barrowclough", "Capstick", "Dewhurst", "Entwistle", "Fazackerley",
         "Greenhalgh", "Holden", "Ingham", "Jolley", "Kershaw", "Lomax", "Marsden",
         "Nuttall", "Ormerod", "Pilling", "Rushton", "Sutcliffe", "Tattersall", "Whittle")
_STREETS = ("Bay Road", "Lune Street", "Castle Hill", "Quay Lane", "Abbey Walk", "Fell View")
_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
FUNDING = Decimal(40000)

DECLARATIONS = f"""\
2020-04-01 custom "cwl-scheme" "HSF"
  title: "Hardship Support Fund"
  opens: 2020-04-01
  closes: 2021-03-31
  amounts: "max 500"
  one-per-property: FALSE
  recipients: "individuals"
  once-across: "HSF ISOL"
  once-window: 90
  funding: {FUNDING:.2f} GBP
  purpose: "Payments and food vouchers for residents in financial hardship."
  grant-reason: "GTIR010"
  grant-purpose: "GTIP070"
  classification: "Lunesdale grant types | COVID-PEOPLE | COVID-19 support for residents"

2020-04-01 custom "cwl-scheme" "ISOL"
  title: "Isolation micro grants"
  opens: 2020-04-01
  closes: 2021-03-31
  amounts: "max 500"
  one-per-property: FALSE
  recipients: "individuals"
  purpose: "Micro grants for residents told to self-isolate who lose income."
  grant-reason: "GTIR070"
  grant-purpose: "GTIP170"
  classification: "Lunesdale grant types | COVID-PEOPLE | COVID-19 support for residents"

"""


@dataclass(frozen=True)
class Person:
    """A resident paid by a hardship fund: what the council's case system
    knows. Only ``ref`` and ``household`` (salted hashes) enter the books;
    the name and postcode sit on the payment as the officer keyed them, and
    every output withholds them."""

    name: str
    postcode: str
    address: str
    reference: str  # the case system's id: never written to the books

    @property
    def ref(self) -> str:
        return md.person_ref(self.reference, SALT)

    @property
    def household(self) -> str:
        return md.person_ref(self.address, SALT, kind="household")


def people() -> list[Person]:
    """The demo's residents, the same every run."""
    rng = random.Random("lunesdale-hardship")
    found: list[Person] = []
    names: set[str] = set()
    while len(found) < PEOPLE:
        name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        if name in names:
            continue
        names.add(name)
        # Sector 0: no organisation of the demo's world is there, so a test
        # finding a person's postcode in an output knows it is theirs.
        postcode = (f"{rng.choice(OWN_DISTRICTS)} 0"
                    f"{rng.choice(_LETTERS)}{rng.choice(_LETTERS)}")
        address = f"{rng.randint(1, 120)} {rng.choice(_STREETS)}, {postcode}"
        found.append(Person(name, postcode, address, f"CT-{rng.randint(1000000, 9999999)}"))
    # Last, a second resident of the fifth-and-sixth's home (a household paid twice).
    sharer = found[5]
    found.append(Person(f"Sam {sharer.name.split()[1]}", sharer.postcode, sharer.address,
                        f"CT-{rng.randint(1000000, 9999999)}"))
    return found


def _payment(person: Person, scheme: str, award: str, day: datetime.date, amount: Decimal,
             method: str = "bank", extra: dict[str, str] | None = None) -> str:
    meta = {"scheme": q(scheme), md.PERSON_REF: q(person.ref),
            md.HOUSEHOLD_REF: q(person.household), md.POSTCODE: q(person.postcode),
            md.METHOD: q(method), **(extra or {})}
    other = f"{accounts.VOUCHERS}:{scheme}" if method == "voucher" else BANK
    what = "food voucher" if method == "voucher" else "payment"
    return txn(day, person.name, f"{scheme} {what}",
               [(f"{accounts.GRANTS}:{scheme}", money(amount)), (other, "")], meta,
               (f"award-{award}",))


def write_hardship(books: DemoBooks) -> None:
    """Two funds of payments to people, vouchers redeemed and written back,
    and a fault of each hardship rule."""
    w = books.open(FILE, "Payments to people: hardship fund and isolation grants")
    rng = random.Random("lunesdale-hardship-payments")
    for name in (f"{accounts.GRANTS}:HSF", f"{accounts.GRANTS}:ISOL",
                 f"{accounts.VOUCHERS}:HSF", f"{accounts.GRANT_FUNDING}:HSF"):
        w.write(f"2020-01-01 open {name} GBP\n")
    w.write("\n")
    w.write(DECLARATIONS)
    w.txn(txn(datetime.date(2020, 4, 2), "MHCLG", "HSF funding received",
              [(BANK, money(FUNDING)), (f"{accounts.GRANT_FUNDING}:HSF", "")]))
    residents = people()
    start = datetime.date(2020, 4, 14)

    def day(offset: int) -> datetime.date:
        return start + datetime.timedelta(days=offset)

    for n, person in enumerate(residents[:16], start=1):
        w.txn(_payment(person, "HSF", f"HSF-{n:04d}", day(3 * n),
                       Decimal(rng.choice((100, 150, 200, 250)))))
    vouchers = []
    for n, person in enumerate(residents[16:24], start=17):
        award = f"HSF-{n:04d}"
        issued = day(2 * n)
        expires = issued + datetime.timedelta(days=60)
        line = w.txn(_payment(person, "HSF", award, issued, Decimal(30), "voucher",
                              {md.EXPIRES: str(expires)}))
        vouchers.append((award, issued, expires, line))
    for award, issued, _, _ in vouchers[:6]:
        w.txn(txn(issued + datetime.timedelta(days=rng.randint(3, 40)),
                  "Lunesdale Foodstore Ltd", "HSF food voucher redeemed",
                  [(f"{accounts.VOUCHERS}:HSF", "30.00"), (BANK, "")], None,
                  (f"award-{award}",)))
    award, _, expires, _ = vouchers[6]
    w.txn(txn(expires + datetime.timedelta(days=1), "Lunesdale District Council",
              "HSF food voucher lapsed, written back",
              [(f"{accounts.VOUCHERS}:HSF", "30.00"), (f"{accounts.GRANTS}:HSF", "")],
              {md.RECOVERY: "TRUE"}, (f"award-{award}",)))
    award, _, expires, line = vouchers[7]
    books.plant(w, line, "hardship.voucher-unreconciled",
                f"voucher {award} lapsed on {expires} and was never redeemed or written back")
    for n, person in enumerate(residents[24:PEOPLE], start=1):
        w.txn(_payment(person, "ISOL", f"ISOL-{n:04d}", day(90 + 5 * n), Decimal(100)))
    _plant(books, w, residents, day)


def _plant(books: DemoBooks, w: LedgerWriter, residents: list[Person],
           day: Callable[[int], datetime.date]) -> None:
    """One fault of each remaining hardship rule."""
    twice = residents[2]  # paid HSF-0003 on day 9
    line = w.txn(_payment(twice, "ISOL", "ISOL-0101", day(40), Decimal(100)))
    books.plant(w, line, "hardship.paid-twice",
                "a person paid by HSF is paid by ISOL 31 days later")
    partner = residents[PEOPLE]  # shares the home of HSF-0006 (day 18)
    line = w.txn(_payment(partner, "HSF", "HSF-0101", day(60), Decimal(150)))
    books.plant(w, line, "hardship.paid-twice", "a second HSF payment to one household")
    line = w.txn(_payment(residents[29], "ISOL", "ISOL-0102", day(200), Decimal(100),
                          extra={"note": q("ID checked: NI QQ 12 34 56 C")}))
    books.plant(w, line, "hardship.raw-identifier",
                "an NI number typed into a payment's note")
