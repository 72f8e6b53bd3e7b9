"""Stream 9, community wealth: organisations owned by their members and
workers, the council's spend with them, its charter pledges (one planted
off track), and a community asset let below market rent.

Written to its own file with its own seeded generator, so the other
streams' files and the filler are the same with or without it.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from ledger.demo.books import BANK, FY_END, FY_START, DemoBooks, money, q, txn
from ledger.demo.world import Org

SERVICES = "Expenses:Services"
# The social economy the council buys from: (org, ownership, living wage, service).
MEMBERS = (
    (Org("GB-COH-IP031245", "Lune Valley Co-operative", "LA1 3RB", "IP031245"),
     "co-operative", True, "Parks"),
    (Org("GB-COH-11045872", "Bay Engineering (Employee-Owned) Ltd", "LA3 2SJ", "11045872",
         sme=True), "employee-owned", True, "Vehicles"),
    (Org("GB-COH-12890331", "Heysham Repair Cafe CIC", "LA3 1PD", "12890331", sme=True),
     "cic", False, "Property"),
)
CHARTER = "Lunesdale Community Wealth Charter"


def _declaration(org: Org, ownership: str, living_wage: bool) -> str:
    text = org.declaration() + f'  ownership: "{ownership}"\n'
    return text + ("  living-wage: TRUE\n" if living_wage else "")


def write_pledges(books: DemoBooks, rng: random.Random) -> None:
    w = books.open("pledges.beancount", "Community wealth: pledges, the social economy, assets")
    council = books.world.council
    for org, ownership, living_wage, _ in MEMBERS:
        w.entry(_declaration(org, ownership, living_wage))
    # About £40,000 with each over the year: well short of the pledge below.
    for org, _, _, service in MEMBERS:
        for _ in range(8):
            day = FY_START + datetime.timedelta(days=rng.randint(0, (FY_END - FY_START).days))
            amount = Decimal(rng.randint(400000, 600000)) / 100
            w.txn(txn(day, org.name, f"{service} services",
                      [(f"{SERVICES}:{service}", money(amount)), (BANK, "")],
                      {"org-id": q(org.id)}))

    w.entry(f'2020-04-01 custom "cwl-pledge" "LCWC-LOCAL"\n  pledger: "{council.id}"\n'
            f'  charter: "{CHARTER}"\n  measure: "own-area-spend"\n'
            "  baseline: 6500000.00 GBP\n"
            '  target: "+10%"\n  by: 2022-03-31\n')
    line = w.entry(f'2020-04-01 custom "cwl-pledge" "LCWC-SOCIAL"\n  pledger: "{council.id}"\n'
                   f'  charter: "{CHARTER}"\n  measure: "social-economy-spend"\n'
                   "  baseline: 150000.00 GBP\n"
                   '  target: "+20%"\n  by: 2021-09-30\n')
    books.plant(w, line, "pledges.off-track",
                "about £120,000 with the social economy, below the line to £180,000")

    occupier = MEMBERS[2][0]
    w.entry(f'2020-07-01 custom "cwl-asset" "100010512345"\n'
            f'  name: "Former library, Heysham"\n  occupier: "{occupier.id}"\n'
            '  tenure: "community-asset-transfer"\n'
            "  market-rent: 18000.00 GBP\n  rent-charged: 1.00 GBP\n")
