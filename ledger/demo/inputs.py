"""Sample input files for the importers, in the layouts councils publish:
a transparency spend CSV (Devon's columns), a 360Giving CSV, an OCDS
release package and a community group's bank statement."""

from __future__ import annotations

import csv
import datetime
import json
import random
from decimal import Decimal
from pathlib import Path

from ledger.demo.world import COUNCIL_ID, COUNCIL_NAME, Org
from ledger.demo.writer import Staging

SPEND_HEADER = ("Body", "Name of Body", "Date", "Transaction Number", "Invoice Number",
                "Amount", "Supplier Name", "Supplier ID", "Vat Reg No", "Expense Area",
                "Expense Type", "Expense Code", "Creditor Type")
EXPENSE_TYPES = (("Environment", "Grounds Maintenance", "4310"),
                 ("Corporate", "ICT Software", "4620"),
                 ("Housing", "Temporary Accommodation", "5520"),
                 ("Public Health", "Protective Equipment", "4150"))
FILES = ("spend-2020-06.csv", "grants-360giving.csv", "contracts-ocds.json",
         "bank-statement.csv")
GRANTS_HEADER = ("Identifier", "Title", "Description", "Currency", "Amount Awarded",
                 "Amount Disbursed", "Award Date", "Recipient Org:Identifier",
                 "Recipient Org:Name", "Recipient Org:Charity Number",
                 "Recipient Org:Postal Code", "Funding Org:Identifier", "Funding Org:Name",
                 "Grant Programme:Code", "Grant Programme:Title", "Last modified")


def _spend(staging: Staging, path: Path, rng: random.Random, suppliers: list[Org]) -> None:
    with staging.open(path, encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(SPEND_HEADER)
        for row in range(150):
            supplier = suppliers[rng.randrange(len(suppliers))]
            area, kind, code = rng.choice(EXPENSE_TYPES)
            amount = f"{Decimal(rng.randint(50100, 900000)) / 100}"
            name, ident = supplier.name, supplier.company_number
            if row == 7:
                amount = "435.80000000000007"
            if row == 11:
                amount = f"-{amount}"
            if row == 13:
                name, ident = "REDACTED UNDER DP ACT", ""
            day = datetime.date(2020, 6, 1 + row % 30)
            writer.writerow(("LUN", COUNCIL_NAME, f"{day} 00:00:00", f"LUN{200000 + row}",
                             f"INV-{rng.randint(1000, 9999)}", amount, name, ident, "",
                             area, kind, code, "LTD"))


def _grants(staging: Staging, path: Path, rng: random.Random, groups: list[Org]) -> None:
    with staging.open(path, encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(GRANTS_HEADER)
        for number, group in enumerate(groups[:10], start=1):
            amount = rng.randint(5, 80) * 100
            writer.writerow((f"360G-lunesdale-CRF{number:03d}",
                             f"Community Response Fund grant to {group.name}",
                             "Emergency support for residents during COVID-19", "GBP", amount,
                             amount, f"2020-06-{number + 1:02d}", group.id, group.name,
                             group.charity_number, group.postcode, COUNCIL_ID, COUNCIL_NAME,
                             "CRF", "Community Response Fund", "2021-04-01T09:00:00Z"))


def _contracts(staging: Staging, path: Path, suppliers: list[Org]) -> None:
    releases = []
    for number, supplier in enumerate(suppliers[:2], start=1):
        ocid = f"ocds-b5fd17-lunesdale-{number:04d}"
        releases.append({
            "ocid": ocid, "id": f"{ocid}-award", "date": "2020-09-01T00:00:00Z",
            "tag": ["award"], "initiationType": "tender", "language": "en",
            "parties": [
                {"id": COUNCIL_ID, "name": COUNCIL_NAME, "roles": ["buyer"]},
                {"id": supplier.id, "name": supplier.name, "roles": ["supplier"],
                 "address": {"postalCode": supplier.postcode, "countryName": "United Kingdom"}},
            ],
            "buyer": {"id": COUNCIL_ID, "name": COUNCIL_NAME},
            "tender": {"id": f"LUN-T-{number}", "title": f"Grounds maintenance lot {number}"},
            "awards": [{"id": f"LUN-A-{number}",
                        "suppliers": [{"id": supplier.id, "name": supplier.name}],
                        "value": {"amount": 120000 * number, "currency": "GBP"}}],
            "contracts": [{"id": f"LUN-C-{number}", "awardID": f"LUN-A-{number}",
                           "title": f"Grounds maintenance lot {number}",
                           "value": {"amount": 120000 * number, "currency": "GBP"},
                           "period": {"startDate": "2020-10-01T00:00:00Z",
                                      "endDate": "2023-09-30T23:59:59Z"},
                           "dateSigned": "2020-09-15T00:00:00Z", "status": "active"}],
        })
    package = {"uri": "https://example.invalid/lunesdale/ocds.json",
               "publishedDate": "2020-09-30T00:00:00Z", "version": "1.1",
               "publisher": {"name": COUNCIL_NAME}, "releases": releases}
    staging.write_text(path, json.dumps(package, indent=2) + "\n")


def _bank(staging: Staging, path: Path, rng: random.Random) -> None:
    balance = Decimal("2450.00")
    with staging.open(path, encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(("Date", "Description", "Paid out", "Paid in", "Balance"))
        for day in range(1, 29, 3):
            paid_in = rng.random() < 0.4
            amount = Decimal(rng.randint(500, 60000)) / 100
            balance += amount if paid_in else -amount
            writer.writerow((f"{day:02d}/07/2020",
                             "DONATION" if paid_in else "FOOD WHOLESALE",
                             "" if paid_in else f"{amount:.2f}", f"{amount:.2f}" if paid_in else "",
                             f"{balance:.2f}"))


def write_inputs(staging: Staging, folder: Path, rng: random.Random, groups: list[Org],
                 suppliers: list[Org]) -> None:
    """Write one file of each kind the importers read."""
    _spend(staging, folder / FILES[0], rng, suppliers)
    _grants(staging, folder / FILES[1], rng, groups)
    _contracts(staging, folder / FILES[2], suppliers)
    _bank(staging, folder / FILES[3], rng)
