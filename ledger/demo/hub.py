"""The demo council's community hub: PPE and food bought into stock at
cost, masks and food boxes donated, stock issued month by month at the
lots' cost, monthly stock counts (``balance`` assertions that hold) and
monthly activity, with one fault of each ``hub.*`` rule, then the staff
redeployed to the hub month by month.

Drawn from its own seeded generator into its own file, so adding the hub
moves no line of the other streams' files.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from ledger import accounts
from ledger.demo.books import BANK, DemoBooks, money, q
from ledger.demo.writer import LedgerWriter

FILE = "hub.beancount"
HUB = "Lunesdale Community Hub"
PPE = f"{accounts.STOCK}:PPE"
FOOD = f"{accounts.STOCK}:Food"
DONATED_PPE = f"{accounts.DONATED_STOCK}:PPE"
DONATED_FOOD = f"{accounts.DONATED_STOCK}:Food"
COST = {PPE: f"{accounts.COVID_PRESSURES}:PPE", DONATED_PPE: f"{accounts.COVID_PRESSURES}:PPE",
        FOOD: f"{accounts.COVID_PRESSURES}:FoodEssentials",
        DONATED_FOOD: f"{accounts.COVID_PRESSURES}:FoodEssentials"}
# (supplier's org-id, name, postcode): the hub's own suppliers.
PPE_SUPPLIER = ("GB-COH-09120401", "Morecambe Bay Safety Supplies Ltd", "LA4 6QT")
FOOD_SUPPLIER = ("GB-COH-09120402", "Lune Valley Wholesale Foods Ltd", "LA2 8RB")

DECLARATIONS = """\
2020-04-01 custom "cwl-item" "MASK"
  title: "Type IIR surgical face mask"
  unit: "mask"
  burn-rate: 400
  value: 0.40 GBP

2020-04-01 custom "cwl-item" "GLOVE"
  title: "Nitrile gloves"
  unit: "pair"
  burn-rate: 300
  value: 0.10 GBP

2020-04-01 custom "cwl-item" "FOODBOX"
  title: "Food parcel box"
  unit: "box"
  burn-rate: 25
  value: 18.00 GBP
  parcel: TRUE

"""


@dataclass
class _Held:
    """Units in each stock account, as the counts must find them."""

    units: dict[tuple[str, str], int]

    def move(self, account: str, item: str, units: int) -> None:
        self.units[account, item] = self.units.get((account, item), 0) + units


def _entry(day: datetime.date, payee: str, narration: str, lines: list[str],
           meta: dict[str, str] | None = None) -> str:
    head = f'{day} * "{payee}" "{narration}"'
    return "\n".join([head, *(f"  {k}: {v}" for k, v in (meta or {}).items()),
                      *(f"  {line}" for line in lines)]) + "\n"


def _opens(w: LedgerWriter) -> None:
    w.write(f'2020-01-01 open {PPE} MASK,GLOVE,GOWN "FIFO"\n')
    w.write(f'2020-01-01 open {FOOD} FOODBOX "FIFO"\n')
    w.write(f'2020-01-01 open {DONATED_PPE} MASK "FIFO"\n')
    w.write(f'2020-01-01 open {DONATED_FOOD} FOODBOX "FIFO"\n')
    w.write(f"2020-01-01 open {accounts.IN_KIND} GBP\n\n")
    for org_id, name, postcode in (PPE_SUPPLIER, FOOD_SUPPLIER):
        w.write(f'2020-01-01 custom "cwl-organisation" "{org_id}"\n'
                f'  name: "{name}"\n  postcode: "{postcode}"\n  sme: TRUE\n\n')
    w.write(DECLARATIONS)


def _buy(w: LedgerWriter, held: _Held, day: datetime.date, supplier: tuple[str, str, str],
         account: str, item: str, units: int, price: Decimal) -> int:
    held.move(account, item, units)
    return w.txn(_entry(day, supplier[1], f"{units} {item} into hub stock",
                        [f"{account:<32} {units} {item} {{{price} GBP}}",
                         f"{BANK:<32} {money(-units * price)} GBP"],
                        {"org-id": q(supplier[0])}))


def _donate(w: LedgerWriter, held: _Held, day: datetime.date, donor: str, account: str,
            item: str, units: int, value: Decimal) -> int:
    held.move(account, item, units)
    return w.txn(_entry(day, donor, f"{units} {item} donated to the hub",
                        [f"{account:<32} {units} {item} {{{value} GBP}}",
                         accounts.IN_KIND]))


def _issue(w: LedgerWriter, held: _Held, day: datetime.date, account: str, item: str,
           units: int, meta: dict[str, str] | None = None) -> int:
    """Issue ``units`` at the lots' cost (none when the shelf is empty)."""
    if units <= 0:
        return 0
    held.move(account, item, -units)
    return w.txn(_entry(day, HUB, f"{units} {item} issued",
                        [f"{account:<32} {-units} {item} {{}}", COST[account]], meta))


def write_hub(books: DemoBooks) -> None:
    """A year of hub stock and activity, and a fault of each hub rule."""
    w = books.open(FILE, "Community hub: stock at cost, donations, issues, counts, activity")
    rng = random.Random("lunesdale-hub")
    _opens(w)
    held = _Held({})
    _buy(w, held, datetime.date(2020, 4, 2), PPE_SUPPLIER, PPE, "MASK", 10000, Decimal("0.45"))
    _buy(w, held, datetime.date(2020, 4, 2), PPE_SUPPLIER, PPE, "GLOVE", 8000, Decimal("0.12"))
    _donate(w, held, datetime.date(2020, 4, 9), "Bay Textiles Ltd", DONATED_PPE, "MASK",
            34000, Decimal("0.40"))
    for month in range(4, 16):
        year, mon = 2020 + (month - 1) // 12, (month - 1) % 12 + 1
        first = datetime.date(year, mon, 1)
        boxes = 400 + 20 * rng.randint(0, 10)
        _buy(w, held, first + datetime.timedelta(days=1), FOOD_SUPPLIER, FOOD, "FOODBOX",
             boxes, Decimal(rng.choice(("16.50", "17.25", "18.00"))))
        if mon % 3 == 0:
            _buy(w, held, first + datetime.timedelta(days=2), PPE_SUPPLIER, PPE, "MASK",
                 6000, Decimal(rng.choice(("0.38", "0.42", "0.45"))))
        issue = first + datetime.timedelta(days=14)
        _issue(w, held, issue, FOOD, "FOODBOX", boxes - 20 * rng.randint(0, 5))
        _issue(w, held, issue, PPE, "MASK",
               min(4000 + 100 * rng.randint(0, 20), held.units[PPE, "MASK"]))
        _issue(w, held, issue, PPE, "GLOVE", min(600, held.units[PPE, "GLOVE"]))
        _issue(w, held, issue, DONATED_PPE, "MASK",
               min(2500, held.units[DONATED_PPE, "MASK"]))
        count = first + datetime.timedelta(days=20)
        for (account, item), units in sorted(held.units.items()):
            w.write(f"{count} balance {account:<32} {units} {item}\n")
        w.write(f'\n{count} custom "cwl-hub-activity" "{HUB}"\n'
                f"  requests: {1500 + 50 * rng.randint(0, 20)}\n"
                f"  food-parcels: {boxes - 20}\n"
                f"  welfare-calls: {600 + 10 * rng.randint(0, 30)}\n"
                f"  referrals: {40 + rng.randint(0, 30)}\n\n")
    _plant(books, w, held)
    _redeployments(w)


def _redeployments(w: LedgerWriter) -> None:
    """Council staff lent to the hub each month, by team (never a person),
    valued at their hourly cost: drawn from their own generator and written
    last, so the lines above stay where they were."""
    rng = random.Random("lunesdale-hub-staff")
    w.write(";; Staff redeployed to the hub: time valued hours x rate, not cash.\n")
    for month in range(4, 16):
        year, mon = 2020 + (month - 1) // 12, (month - 1) % 12 + 1
        end = datetime.date(year + mon // 12, mon % 12 + 1, 1) - datetime.timedelta(days=1)
        for team, rate in (("Libraries team", "21.40"), ("Leisure centre staff", "18.90")):
            w.write(f'{end} custom "cwl-redeployment" "{team}"\n'
                    f"  hours: {10 * rng.randint(8, 30)}\n  rate: {rate} GBP\n"
                    f'  hub: "{HUB}"\n\n')


def _plant(books: DemoBooks, w: LedgerWriter, held: _Held) -> None:
    """One fault of each hub rule, after the year's last count."""
    line = _issue(w, held, datetime.date(2021, 3, 24), DONATED_PPE, "MASK", 1000,
                  {"gov-requested": "TRUE", "claim": q("EXP-2020")})
    books.plant(w, line, "hub.claimed-in-kind",
                "donated masks issued to PPE and claimed in EXP-2020")
    line = _donate(w, held, datetime.date(2021, 3, 25), "Lune Valley Rotary", DONATED_FOOD,
                   "FOODBOX", 120, Decimal("25.00"))
    books.plant(w, line, "hub.donated-value",
                "food boxes donated at £25.00 each; the item declares £18.00")
    line = _buy(w, held, datetime.date(2021, 3, 26), PPE_SUPPLIER, PPE, "GOWN", 500,
                Decimal("2.10"))
    books.plant(w, line, "hub.unknown-item", "gowns bought with no cwl-item for GOWN")
