"""The business rates list: every property the demo's grants were paid on,
with the value the list gave on each scheme's eligibility date, and small
businesses on the list that no grant reached; as ``cwl-property``
declarations and as the CSV a council's revenues team would export
(``inputs/rating-list.csv``, which ``cwl import`` turns into the same
declarations, so importing it into the demo adds nothing).

The list agrees with the awards, but for the planted take-up faults: one
award whose rateable value differs from the list, one property left off it,
and two property references on one UPRN both paid by the Small Business
Grant Fund. Where the grants stream itself gave one property two values on
one date (its own planted faults), the second award differs from the list
too, and is planted as such. People's names never enter the books: a sole
trader's property is declared ``redacted: TRUE``, with no occupier.

Everything is drawn from its own seeded generator and written to its own
file, after the awards, so adding it moves no line of the other files.
"""

from __future__ import annotations

import csv
import datetime
import random
from dataclasses import dataclass

from importers.rating_list import is_person
from ledger.demo.books import DemoBooks
from ledger.demo.writer import LedgerWriter

FILE = "properties.beancount"
RATING_LIST = "rating-list.csv"
CSV_HEADER = ("Property Reference", "UPRN", "Rateable Value", "Occupier", "As At")
LIST_DATE = datetime.date(2020, 3, 11)
# The eligibility dates settings.beancount declares; other schemes read the
# list as at the award's date, which the first list date precedes.
ELIGIBILITY = {"SBGF": LIST_DATE, "RHLGF": LIST_DATE,
               "LRSG-Nov20": datetime.date(2020, 11, 5)}
UNPAID = 36  # small businesses on the list that no grant reached
_NAMES = ("Harbour", "Fellside", "Market", "Priory", "Bridge", "Castle", "Lune", "Mill")
_TRADES = ("Florist", "Barbers", "Tea Rooms", "Hardware", "Bookshop", "Deli", "Tailors")


@dataclass
class Listed:
    """One property on the list: its values by as-at date, in order."""

    ref: str
    uprn: str
    occupier: str
    values: dict[datetime.date, int]

    def on(self, day: datetime.date) -> tuple[datetime.date, int] | None:
        dates = [d for d in self.values if d <= day]
        return (max(dates), self.values[max(dates)]) if dates else None


def _occupier(rng: random.Random) -> str:
    if rng.random() < 0.15:
        return f"Mr {rng.choice('ABCDEFGHJK')}. {rng.choice(_NAMES)}son"
    return f"{rng.choice(_NAMES)} {rng.choice(_TRADES)} Ltd"


class _List:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.props: dict[str, Listed] = {}
        self._uprn = 100010000000

    def uprn(self) -> str:
        self._uprn += self.rng.randint(1, 40)
        return str(self._uprn)

    def agree(self, ref: str, occupier: str, day: datetime.date, rv: int | None) -> bool:
        """List ``ref`` so an award of ``rv`` as at ``day`` agrees; False
        when it cannot (the list already gives another value that day)."""
        prop = self.props.get(ref)
        if prop is None:
            prop = self.props[ref] = Listed(ref, self.uprn(), occupier, {})
        known = prop.on(day)
        if rv is None:
            if known is None:
                prop.values[LIST_DATE] = self.rng.randint(3000, 50000)
            return True
        if known is None:
            prop.values[min(day, LIST_DATE)] = rv
        elif known[1] != rv:
            if known[0] == day or day == LIST_DATE:
                return False
            prop.values[day] = rv  # the list changed between the two dates
        return True


def _declaration(prop: Listed, day: datetime.date, rv: int) -> str:
    lines = [f'{day} custom "cwl-property" "{prop.ref}"', f"  rateable-value: {rv}",
             f'  uprn: "{prop.uprn}"']
    lines.append("  redacted: TRUE" if is_person(prop.occupier)
                 else f'  occupier: "{prop.occupier}"')
    return "\n".join(lines) + "\n"


def write_properties(books: DemoBooks, rng: random.Random) -> None:
    """properties.beancount and inputs/rating-list.csv, with the planted faults."""
    grants = books.files["grants.beancount"]
    listing = _List(rng)
    count: dict[str, int] = {}
    for scheme, ref, _, _, _, _ in books.property_awards:
        count[ref] = count.get(ref, 0) + 1
    for scheme, ref, rv, org, date, line in books.property_awards:
        day = ELIGIBILITY.get(scheme, date)
        if not listing.agree(ref, org.name, day, rv):
            books.plant(grants, line, "takeup.rv-mismatch",
                        f"{scheme} award on {ref}: RV £{rv:,} differs from the list")

    single = [(scheme, ref, rv, line) for scheme, ref, rv, _, _, line in books.property_awards
              if count[ref] == 1 and len(listing.props[ref].values) == 1]
    rhlgf = [a for a in single if a[0] == "RHLGF"]
    sbgf = [a for a in single if a[0] == "SBGF"]
    _, ref, rv, line = rhlgf[rng.randrange(len(rhlgf))]
    listing.props[ref].values[LIST_DATE] = rv + 1500
    books.plant(grants, line, "takeup.rv-mismatch",
                f"RHLGF award on {ref}: RV £{rv:,}, the list says £{rv + 1500:,}")
    _, missing, _, line = next(a for a in rhlgf if a[1] != ref)
    del listing.props[missing]
    books.plant(grants, line, "takeup.unknown-property", f"{missing} is not on the list")
    first, second = rng.sample(sbgf[:40], 2)
    listing.props[second[1]].uprn = listing.props[first[1]].uprn
    twin = max(first[1], second[1])  # declared later: the list is in reference order

    for n in range(UNPAID):
        ref = f"{books.world.council.prefix}-{900001 + n:06d}"
        listing.props[ref] = Listed(ref, listing.uprn(), _occupier(rng),
                                    {LIST_DATE: rng.randint(1800, 60000)})
    _write(books, listing, twin)


def _write(books: DemoBooks, listing: _List, twin: str) -> None:
    w: LedgerWriter = books.open(FILE, "Business rates list: properties and rateable values")
    rows = sorted(((day, prop.ref, rv) for prop in listing.props.values()
                   for day, rv in prop.values.items()))
    with books.staging.open(books.out / "inputs" / RATING_LIST, encoding="utf-8",
                            newline="") as out:
        writer = csv.writer(out)
        writer.writerow(CSV_HEADER)
        for day, ref, rv in rows:
            prop = listing.props[ref]
            line = w.entry(_declaration(prop, day, rv))
            writer.writerow((ref, prop.uprn, rv, prop.occupier, f"{day}"))
            if ref == twin:
                books.plant(w, line, "takeup.same-uprn",
                            f"{ref} shares UPRN {prop.uprn}, both paid SBGF")
