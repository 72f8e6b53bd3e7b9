"""``cwl demo --kind community-org``: a food bank's own books for FY2020/21.

Lunesdale Food Bank (fictional) keeps the books of a community organisation
(``cwl-settings kind: "community-org"``): a returnable council grant and a
lottery fund as restricted funds, a delivery contract with the council that
costs more than it pays, donations, a charity shop's trading, donated food
held as stock at its declared value, volunteer time in ``HOURS``, and an
emergency accommodation site run for the council. One fault of each
``funds.*`` and ``accommodation.*`` rule is planted and listed in its own
``planted-faults.json``, so ``cwl check`` must find exactly those.

The council demo is not touched: this writes its own files, with its own
seeded generator.
"""

from __future__ import annotations

import datetime
import json
import random
from decimal import Decimal
from pathlib import Path

from ledger import accounts
from ledger.demo.books import BANK, FY_START, DemoBooks, Summary, money, q
from ledger.demo.folder import FAULTS, MANIFEST, check_folder, manifest_text
from ledger.demo.world import World
from ledger.demo.writer import LedgerWriter, Staging

KIND = "community-org"
NAME = "Lunesdale Food Bank"
ORG_ID = "GB-CHC-1190001"
HOUR_VALUE = Decimal("8.72")  # the National Living Wage in 2020/21, as the proxy
INCLUDES = ("declarations.beancount", "transactions.beancount", "accommodation.beancount")
NAMES = ("main.beancount", *INCLUDES, FAULTS, MANIFEST)

COUNCIL = ("GB-LAE-LUN", "Lunesdale District Council")
LOTTERY = ("GB-GOR-PB188", "National Lottery Community Fund")
CONTRACT = "CON-LDC-2020-14"
FOOD_FUND, ADVICE_FUND = "COUNCIL-FOOD", "LOTTERY-ADVICE"
FOOD = f"{accounts.PROGRAMME}:FoodParcels"
DELIVERY = f"{accounts.PROGRAMME}:Delivery"
ADVICE = f"{accounts.PROGRAMME}:Advice"
RENT = "Expenses:Premises:Rent"
SHOP_COSTS = "Expenses:Trading:Shop"
DONATED_FOOD = f"{accounts.DONATED_STOCK}:Food"
FOOD_VALUE = Decimal("12.00")  # £ a donated food box is booked at
GRANTS = {COUNCIL: f"{accounts.GRANT_INCOME}:LunesdaleDC",
          LOTTERY: f"{accounts.GRANT_INCOME}:NationalLottery"}

DECLARATIONS = f"""\
2020-01-01 custom "cwl-settings" "{ORG_ID}"
  name: "{NAME}"
  kind: "{KIND}"
  volunteer-hour-value: {HOUR_VALUE} GBP

2020-01-01 custom "cwl-organisation" "{COUNCIL[0]}"
  name: "{COUNCIL[1]}"
  postcode: "LA1 1PJ"

2020-01-01 custom "cwl-organisation" "{LOTTERY[0]}"
  name: "{LOTTERY[1]}"
  postcode: "B1 1AA"

2020-04-01 custom "cwl-item" "FOODBOX"
  title: "Donated food, boxed"
  unit: "box"
  value: {FOOD_VALUE} GBP
  parcel: TRUE

2020-04-01 custom "cwl-fund" "{ADVICE_FUND}"
  funder: "{LOTTERY[1]}"
  title: "Debt and benefits advice, 2019-2022"
  purpose-accounts: "{ADVICE}"
  start: 2019-04-01
  end: 2022-03-31
  returnable: FALSE

"""


def _entry(day: datetime.date, payee: str, narration: str, lines: list[str],
           meta: dict[str, str] | None = None, links: tuple[str, ...] = ()) -> str:
    head = f'{day} * "{payee}" "{narration}"' + "".join(f" ^{link}" for link in links)
    return "\n".join([head, *(f"  {k}: {v}" for k, v in (meta or {}).items()),
                      *(f"  {line}" for line in lines)]) + "\n"


def _pay(account: str, amount: Decimal) -> list[str]:
    return [f"{account:<40} {money(amount)} GBP", BANK]


def _opens(w: LedgerWriter) -> None:
    gbp = [BANK, accounts.TRADING, accounts.DONATIONS, accounts.IN_KIND, *GRANTS.values(),
           f"{accounts.CONTRACT_INCOME}:{CONTRACT}", FOOD, DELIVERY, ADVICE, RENT, SHOP_COSTS,
           f"{accounts.RESTRICTED_FUNDS}:{FOOD_FUND}", f"{accounts.RESTRICTED_FUNDS}:{ADVICE_FUND}",
           accounts.UNRESTRICTED_FUNDS, f"{accounts.IN_KIND}:Volunteering"]
    for name in gbp:
        w.write(f"2020-01-01 open {name} GBP\n")
    w.write(f'2020-01-01 open {DONATED_FOOD} FOODBOX "FIFO"\n')
    w.write(f"2020-01-01 open {accounts.VOLUNTEERING} {accounts.HOURS}\n")
    w.write(f"2020-01-01 open {accounts.VOLUNTEERING_INCOME} {accounts.HOURS}\n\n")
    w.write(DECLARATIONS)


def _months() -> list[datetime.date]:
    return [datetime.date(2020 + (m - 1) // 12, (m - 1) % 12 + 1, 1) for m in range(4, 16)]


def _year(w: LedgerWriter, rng: random.Random) -> None:
    """The ordinary year: the council's food grant pays for food until the
    grant ends (and the food bank's own money after), the lottery fund for
    £600 of advice a month."""
    food_fund_end = datetime.date(2020, 12, 31)
    w.txn(_entry(FY_START - datetime.timedelta(days=1), NAME, "Balances brought forward",
                 [f"{BANK:<40} 9500.00 GBP",
                  f"{accounts.RESTRICTED_FUNDS}:{ADVICE_FUND:<17} -1500.00 GBP",
                  accounts.UNRESTRICTED_FUNDS]))
    w.txn(_entry(datetime.date(2020, 4, 6), COUNCIL[1], "Emergency food grant",
                 [f"{GRANTS[COUNCIL]:<40} -12000.00 GBP", BANK],
                 {"org-id": q(COUNCIL[0]), "fund": q(FOOD_FUND)}))
    w.txn(_entry(datetime.date(2020, 4, 20), LOTTERY[1], "Advice grant, year 2",
                 [f"{GRANTS[LOTTERY]:<40} -6000.00 GBP", BANK],
                 {"org-id": q(LOTTERY[0])}, (f"fund-{ADVICE_FUND}",)))
    held = 0
    for first in _months():
        day = first + datetime.timedelta(days=rng.randint(2, 6))
        on_fund = {"fund": q(FOOD_FUND)} if first <= food_fund_end else None
        w.txn(_entry(day, "Lune Valley Wholesale Foods Ltd", "Food for parcels",
                     _pay(FOOD, Decimal(rng.randint(700, 900))), on_fund))
        w.txn(_entry(day, "Citizens Advice Lunesdale", "Advice sessions",
                     _pay(ADVICE, Decimal(600)), links=(f"fund-{ADVICE_FUND}",)))
        w.txn(_entry(first + datetime.timedelta(days=7), "Public", "Donations",
                     [f"{accounts.DONATIONS:<40} -{money(rng.randint(300, 1200))} GBP", BANK]))
        w.txn(_entry(first + datetime.timedelta(days=9), NAME, "Charity shop takings",
                     [f"{accounts.TRADING:<40} -{money(rng.randint(900, 1600))} GBP", BANK]))
        w.txn(_entry(first + datetime.timedelta(days=10), "Shop Supplies Ltd", "Shop costs",
                     _pay(SHOP_COSTS, Decimal(rng.randint(200, 400)))))
        w.txn(_entry(first, "Lunesdale Properties Ltd", "Warehouse rent", _pay(RENT, Decimal(750))))
        boxes = 20 * rng.randint(3, 8)
        held += boxes
        w.txn(_entry(first + datetime.timedelta(days=12), "Supermarket collection",
                     f"{boxes} FOODBOX donated",
                     [f"{DONATED_FOOD:<40} {boxes} FOODBOX {{{FOOD_VALUE} GBP}}",
                      accounts.IN_KIND]))
        issued = held - 20
        held -= issued
        w.txn(_entry(first + datetime.timedelta(days=20), NAME, f"{issued} FOODBOX issued",
                     [f"{DONATED_FOOD:<40} -{issued} FOODBOX {{}}", FOOD]))
        w.write(f"{first + datetime.timedelta(days=21)} balance {DONATED_FOOD:<32} "
                f"{held} FOODBOX\n\n")
        hours = 10 * rng.randint(40, 70)
        w.txn(_entry(first + datetime.timedelta(days=25), "Volunteers", "Volunteer time",
                     [f"{accounts.VOLUNTEERING:<40} {hours} {accounts.HOURS}",
                      f"{accounts.VOLUNTEERING_INCOME:<40} -{hours} {accounts.HOURS}"]))
        if first.month % 3 == 0:
            w.txn(_entry(first + datetime.timedelta(days=27), COUNCIL[1],
                         "Delivery contract, quarterly payment",
                         [f"{accounts.CONTRACT_INCOME}:{CONTRACT:<23} -3000.00 GBP", BANK],
                         {"org-id": q(COUNCIL[0]), "contract": q(CONTRACT)}))
        w.txn(_entry(first + datetime.timedelta(days=27), "Delivery drivers",
                     "Drivers' wages and van for shielding deliveries",
                     _pay(DELIVERY, Decimal(rng.randint(1100, 1400))),
                     {"contract": q(CONTRACT)}))


def write_books(books: DemoBooks, rng: random.Random) -> None:
    """The declarations and the year, with one fault of each funds rule."""
    d = books.open("declarations.beancount", f"{NAME}: accounts, settings, funds")
    _opens(d)
    food_fund = d.write(f'2020-04-01 custom "cwl-fund" "{FOOD_FUND}"\n'
                        f'  funder: "{COUNCIL[1]}"\n'
                        '  title: "Emergency food, April to December 2020"\n'
                        f'  purpose-accounts: "{FOOD} {DELIVERY}"\n'
                        "  end: 2020-12-31\n  returnable: TRUE\n\n")
    w = books.open("transactions.beancount", f"{NAME}: FY2020/21")
    _year(w, rng)
    # The council's food grant: £12,000, about £7,200 of it spent on food by
    # its end, so money is left to give back.
    books.plant(d, food_fund, "funds.unspent-at-end",
                "returnable council food grant ended 2020-12-31 with money unspent")
    line = w.txn(_entry(datetime.date(2020, 11, 15), "Lunesdale Properties Ltd",
                        "Warehouse rent met from the food grant",
                        _pay(RENT, Decimal(750)), {"fund": q(FOOD_FUND)}))
    books.plant(w, line, "funds.wrong-purpose",
                "council food grant spent on rent, outside its purpose accounts")
    line = w.txn(_entry(datetime.date(2021, 3, 20), "Citizens Advice Lunesdale",
                        "Extra advice sessions", _pay(ADVICE, Decimal(500)),
                        links=(f"fund-{ADVICE_FUND}",)))
    books.plant(w, line, "funds.restricted-overspent",
                "lottery advice fund: £7,700 spent of £7,500 (£1,500 brought forward)")
    line = w.txn(_entry(datetime.date(2021, 3, 25), "Volunteers",
                        "Volunteer time valued as income",
                        [f"{FOOD:<40} 600.00 GBP",
                         f"{accounts.IN_KIND}:Volunteering"]))
    books.plant(w, line, "funds.hours-in-gbp", "volunteer time booked as £600 of income")
    line = w.txn(_entry(datetime.date(2021, 3, 27), "Citizens Advice Lunesdale",
                        "Advice sessions, fund misspelt", _pay(ADVICE, Decimal(250)),
                        {"fund": q("LOTTERY-ADVISE")}))
    books.plant(w, line, "funds.unknown-fund",
                "advice cost tagged LOTTERY-ADVISE, a slip for LOTTERY-ADVICE")


SITE = "LUNE-HOUSE"
SITE_CONTRACT = "CON-LDC-2020-22"
ACCOMMODATION = f"{accounts.PROGRAMME}:Accommodation"
SITE_DECLARATIONS = f"""\
2020-01-01 open {ACCOMMODATION} GBP
2020-01-01 open {accounts.CONTRACT_INCOME}:{SITE_CONTRACT} GBP

2020-04-01 custom "cwl-site" "{SITE}"
  title: "Lune House: emergency rooms for rough sleepers (Everyone In)"
  units: 12
  from: 2020-04-01
  to: 2020-09-30
  contract: "{SITE_CONTRACT}"

"""


def write_accommodation(books: DemoBooks, rng: random.Random) -> None:
    """Six months of a site run for the council, with a fault of each
    accommodation rule."""
    w = books.open("accommodation.beancount", f"{NAME}: emergency accommodation")
    w.write(SITE_DECLARATIONS)
    for first in _months()[:6]:
        nights = 30 * 12 - rng.randint(10, 80)
        w.write(f'{first + datetime.timedelta(days=27)} custom "cwl-occupancy" "{SITE}"\n'
                f"  unit-nights: {nights}\n\n")
        w.txn(_entry(first + datetime.timedelta(days=2), "Lune House Hotel Ltd",
                     "Rooms, meals and cleaning", _pay(ACCOMMODATION, Decimal(rng.randint(
                         9000, 11000))), {"site": q(SITE), "contract": q(SITE_CONTRACT)}))
        w.txn(_entry(first + datetime.timedelta(days=27), COUNCIL[1],
                     "Everyone In contract, monthly payment",
                     [f"{accounts.CONTRACT_INCOME}:{SITE_CONTRACT:<23} -10000.00 GBP", BANK],
                     {"org-id": q(COUNCIL[0])}))
    line = w.txn(_entry(datetime.date(2020, 12, 10), "Lune House Hotel Ltd",
                        "Rooms, November", _pay(ACCOMMODATION, Decimal(2400)),
                        {"site": q(SITE), "contract": q(SITE_CONTRACT)}))
    books.plant(w, line, "accommodation.paid-after-close",
                "Lune House paid for November; it closed on 30 September")
    line = w.write('2020-09-28 custom "cwl-occupancy" "LUNE-HOSUE"\n  unit-nights: 40\n\n')
    books.plant(w, line, "accommodation.unknown-site",
                "occupancy declared for LUNE-HOSUE, a slip for LUNE-HOUSE")
    line = w.write(f'2020-09-29 custom "cwl-occupancy" "{SITE}"\n  unit-nights: 120\n\n')
    books.plant(w, line, "accommodation.over-capacity",
                "September's occupancy counted twice: more unit-nights than 12 units hold")
    for first in _months()[:6]:  # the council's housing officers, lent to the site
        w.write(f'{first + datetime.timedelta(days=27)} custom "cwl-redeployment" '
                f'"Council housing options team"\n  hours: {10 * rng.randint(6, 12)}\n'
                f'  rate: 24.60 GBP\n  site: "{SITE}"\n\n')


def generate_community_org(outdir: str | Path, seed: int = 2020, plugins: bool = True,
                           force: bool = False) -> Summary:
    """Write the food bank's books into ``outdir``; same seed, same bytes.
    The folder is checked, and written, as ``generator.generate`` does."""
    out = Path(outdir)
    found = check_folder(out, NAMES, force)
    staging = Staging()
    try:
        books = DemoBooks(out, random.Random(seed), World(random.Random(seed)), staging)
        write_books(books, random.Random(f"{seed}-food-bank"))
        write_accommodation(books, random.Random(f"{seed}-food-bank-site"))
        for writer in books.files.values():
            writer.close()
        plugin = 'plugin "rules.all"\n\n' if plugins else ""
        main = out / "main.beancount"
        staging.write_text(
            main, f";; {NAME} (fictional): FY2020/21 books written by `cwl demo --kind "
            f"{KIND}`.\n;; Seed {seed}, {books.transactions} transactions.\n\n"
            f'option "title" "{NAME}"\noption "operating_currency" "GBP"\n\n'
            f"{plugin}" + "".join(f'include "{name}"\n' for name in INCLUDES))
        faults = [fault.__dict__ for fault in books.faults]
        staging.write_text(out / FAULTS, json.dumps(faults, indent=2) + "\n")
        staging.write_text(out / MANIFEST, manifest_text(out, staging.written()))
        staging.commit()
    except BaseException:
        staging.discard()
        raise
    for leftover in found.leftovers:
        (out / leftover).unlink(missing_ok=True)
    return Summary(main, books.transactions, len(faults))
