"""Writes the demo ledger: Lunesdale District Council's FY2020/21 books.

All four streams are there, with known faults planted for the rules to find
(listed with file, line and rule code in ``planted-faults.json``), and
ordinary supplier payments filling the books up to ``--size`` transactions,
streamed to disk so a million transactions fit in bounded memory. Each stream
is written by its own module (``grants``, ``relief``, ``social_value``,
``claims``, ``spend``); this one only puts them in order.

No run destroys a file: the folder is checked first (``folder``: only the
demo's own earlier files may be written over), every file is written to a
temporary name and renamed into place at the end (``writer.Staging``), and a
run that fails or is interrupted leaves the folder as it was.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from ledger.demo import inputs
from ledger.demo.books import DemoBooks, Summary, write_accounts
from ledger.demo.claims import write_claims
from ledger.demo.folder import FAULTS, MANIFEST, check_folder, manifest_text
from ledger.demo.grants import write_grants
from ledger.demo.hardship import write_hardship
from ledger.demo.hub import write_hub
from ledger.demo.pledges import write_pledges
from ledger.demo.pots import write_pots
from ledger.demo.properties import RATING_LIST, write_properties
from ledger.demo.relief import write_relief
from ledger.demo.shared import Shared, plant_shared
from ledger.demo.social_value import write_social_value
from ledger.demo.spend import write_filler, write_spend
from ledger.demo.vcse import write_vcse
from ledger.demo.world import LUNESDALE, Council, Org, World
from ledger.demo.writer import Staging

DEFAULT_SIZE = 2000
INCLUDES = ("settings.beancount", "accounts.beancount", "organisations.beancount",
            "grants.beancount", "relief.beancount", "social-value.beancount",
            "claims.beancount", "spend.beancount", "hardship.beancount", "pots.beancount",
            "pledges.beancount",
            "hub.beancount", "vcse.beancount", "properties.beancount")
# Every file a run writes, relative to its folder.
NAMES = ("main.beancount", *INCLUDES, FAULTS, *(f"inputs/{name}" for name in inputs.FILES),
         f"inputs/{RATING_LIST}", MANIFEST)


def settings_text(council: Council) -> str:
    """The demo's declarations, as ``council`` makes them."""
    text = resources.files("ledger.demo").joinpath("settings.beancount").read_text("utf-8")
    for ours, theirs in ((LUNESDALE.name, council.name), (LUNESDALE.id, council.id),
                         (LUNESDALE.salt, council.salt), ("Lunesdale", council.name.split()[0])):
        text = text.replace(ours, theirs)
    return text


def _core(books: DemoBooks, seed: int) -> tuple[list[Org], list[Org]]:
    """Write the core books (all but the filler); the VCSE groups and the
    suppliers, for the filler and the sample inputs."""
    books.staging.write_text(books.out / "settings.beancount",
                             settings_text(books.world.council))
    write_accounts(books)
    orgs = books.open("organisations.beancount", "Organisations: payees and recipients")
    vcse = write_grants(books, orgs)
    contract_suppliers = write_relief(books, orgs)
    write_social_value(books)
    suppliers = write_spend(books, orgs)
    write_claims(books, suppliers + list(contract_suppliers.values()))
    write_hardship(books)
    write_vcse(books)
    write_pots(books, random.Random(f"{seed}-pots"), suppliers)
    write_pledges(books, random.Random(f"{seed}-pledges"))
    write_hub(books)
    write_properties(books, random.Random(f"{seed}-properties"))
    return vcse, suppliers


def core_transactions(seed: int = 2020) -> int:
    """The transactions of the core books: the smallest ``--size``. Counted
    by writing them nowhere, so nothing is touched before ``--size`` is known
    to be right."""
    books = DemoBooks(Path("."), random.Random(seed), World(random.Random(seed)),
                      Staging(dry=True))
    _core(books, seed)
    return books.transactions


def generate(outdir: str | Path, size: int | None = None, seed: int = 2020,
             plugins: bool = True, force: bool = False, council: Council = LUNESDALE,
             national_key: bytes | None = None, shared: Sequence[Shared] = ()) -> Summary:
    """Write the demo ledger into ``outdir``; same seed, same bytes.

    ``council``, ``national_key`` and ``shared`` are for ``--councils``
    (``ledger.demo.national``): whose books they are, the consolidator's key
    for national bank fingerprints, and what this council shares with others.

    Everything is checked before the folder is touched: ``size`` (a
    ``ValueError``) and the folder's files (``FolderRefused``: a file the
    demo did not write is in it, unless ``force``, or is where one of the
    demo's files goes). The files are then written beside their targets and
    renamed into place together; on any failure, Ctrl-C included, the
    folder is left as it was (a Ctrl-C during those last renames lets them
    finish: the old demo or the new, never a mix).
    """
    out = Path(outdir)
    size = DEFAULT_SIZE if size is None else size
    core = core_transactions(seed)
    if size < core:
        raise ValueError(f"--size must be at least {core} "
                         "(the transactions of the core books)")
    found = check_folder(out, NAMES, force)
    staging = Staging()
    try:
        summary = _write(out, staging, size, seed, plugins,
                         World(random.Random(seed), council, national_key), shared)
        staging.write_text(out / MANIFEST, manifest_text(out, staging.written()))
        staging.commit()
    except BaseException:
        staging.discard()
        raise
    for leftover in found.leftovers:  # temporary files of a run that was killed
        (out / leftover).unlink(missing_ok=True)
    return summary


def _write(out: Path, staging: Staging, size: int, seed: int, plugins: bool,
           world: World, shared: Sequence[Shared]) -> Summary:
    books = DemoBooks(out, random.Random(seed), world, staging)
    vcse, suppliers = _core(books, seed)
    planted = plant_shared(books, shared)
    write_filler(books, suppliers, size)
    transactions = books.transactions
    for writer in books.files.values():
        writer.close()

    plugin = ('plugin "rules.all"\n'
              '2020-01-01 custom "fava-extension" "reports.fava"\n\n' if plugins else "")
    main = out / "main.beancount"
    staging.write_text(
        main,
        f";; {world.council.name} (fictional): FY2020/21 books written by `cwl demo`.\n"
        f';; Seed {seed}, {transactions} transactions.\n\n'
        f'option "title" "{world.council.name}"\n'
        'option "operating_currency" "GBP"\n\n'
        f"{plugin}" + "".join(f'include "{name}"\n' for name in INCLUDES))
    faults = [fault.__dict__ for fault in books.faults]
    staging.write_text(out / FAULTS, json.dumps(faults, indent=2) + "\n")
    inputs.write_inputs(staging, out / "inputs", random.Random(seed), vcse, suppliers)
    return Summary(main, transactions, len(faults), planted)


def demo_ledger(folder: Path) -> Path:
    """The demo's main file in ``folder``: reused when there, else written
    (``FolderRefused`` when the folder holds files the demo did not write).
    ``cwl report`` and ``cwl serve`` without a ledger show this one."""
    main = folder / "main.beancount"
    if not main.exists():
        generate(folder)
    return main
