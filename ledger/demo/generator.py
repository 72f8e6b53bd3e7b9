"""Writes the demo ledger: Lunesdale District Council's FY2020/21 books.

All four streams are there, with known faults planted for the rules to find
(listed with file, line and rule code in ``planted-faults.json``), and
ordinary supplier payments filling the books up to ``--size`` transactions,
streamed to disk so a million transactions fit in bounded memory. Each stream
is written by its own module (``grants``, ``relief``, ``social_value``,
``claims``, ``spend``); this one only puts them in order.
"""

from __future__ import annotations

import json
import random
from importlib import resources
from pathlib import Path

from ledger.demo import inputs
from ledger.demo.books import DemoBooks, Summary, write_accounts
from ledger.demo.claims import write_claims
from ledger.demo.grants import write_grants
from ledger.demo.relief import write_relief
from ledger.demo.social_value import write_social_value
from ledger.demo.spend import write_filler, write_spend
from ledger.demo.world import COUNCIL_NAME, World

DEFAULT_SIZE = 2000
INCLUDES = ("settings.beancount", "accounts.beancount", "organisations.beancount",
            "grants.beancount", "relief.beancount", "social-value.beancount",
            "claims.beancount", "spend.beancount")


def generate(outdir: str | Path, size: int | None = None, seed: int = 2020,
             plugins: bool = True) -> Summary:
    """Write the demo ledger into ``outdir``; same seed, same bytes."""
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    size = DEFAULT_SIZE if size is None else size
    books = DemoBooks(out, random.Random(seed), World(random.Random(seed)))
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
