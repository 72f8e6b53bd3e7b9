"""``cwl demo --councils N``: N different councils' books for the national view.

Each council is the demo written with its own seed, name, org-id, salt and
ranges of company numbers, charity numbers and property references, so that
nothing is shared between councils by chance. What *is* shared is planted
(``ledger.demo.shared``): the same bank account, company, charity or property
paid a grant by two or more councils, listed with each council's file and
line in ``planted-national.json`` for the national rules to be checked
against. The first council is Lunesdale, as ``cwl demo`` writes it, plus its
shared grants.

Bank accounts get the national fingerprint (``bank-fingerprint-national``),
keyed with the consolidator's key: it is passed in, never written anywhere.
"""

from __future__ import annotations

import json
import random
from dataclasses import asdict
from pathlib import Path

from ledger.atomic_files import write_text
from ledger.demo.books import Summary
from ledger.demo.folder import FolderRefused
from ledger.demo.generator import generate
from ledger.demo.shared import KINDS, Shared
from ledger.demo.world import LUNESDALE, Council

PLANTED = "planted-national.json"
WRITTEN_BY = "cwl demo --councils"
# Company and charity numbers are drawn in ranges this far apart per council,
# and charity numbers must stay at 7 digits: that bounds the councils.
NUMBER_SPACING = 60000
MAX_COUNCILS = 100

_PLACES = ("Ravensby", "Kelderby", "Wyreham", "Ashbourne Vale", "Coldbeck", "Farrowdale",
           "Hartmoor", "Imberley", "Jessop", "Marlowe", "Netherfold", "Oakhurst",
           "Pellham", "Quarrington", "Rookwith", "Stannard", "Thornbury Fells", "Ulverdale",
           "Vennick", "Whitstow")
_KINDS = ("District Council", "Borough Council", "City Council")


def council(index: int) -> Council:
    """The ``index``-th council (0 is Lunesdale)."""
    if index == 0:
        return LUNESDALE
    place = _PLACES[(index - 1) % len(_PLACES)]
    round_ = (index - 1) // len(_PLACES)
    name = f"{place}{f' {round_ + 1}' if round_ else ''} {_KINDS[index % len(_KINDS)]}"
    code = f"N{index:03d}"
    return Council(f"GB-LAE-{code}", name, f"{code.lower()}-demo-salt",
                   f"{place.split()[0].lower()}{index}", code,
                   numbers=LUNESDALE.numbers + index * NUMBER_SPACING)


def _account(rng: random.Random) -> tuple[str, str]:
    return f"{rng.randint(10, 99)}{rng.randint(0, 9999):04d}", f"{rng.randint(0, 99999999):08d}"


def _shared(kind: str, number: int, index: int, account: tuple[str, str]) -> Shared:
    """Council ``index``'s part of planted match ``number``: only what
    ``kind`` names is the same as in the other councils' parts."""
    if kind == "charity":
        return Shared(kind, number, f"Shared Community Trust {number}", None,
                      f"{8000000 + number * 100:07d}", *account, None)
    same = kind == "company"
    company = f"{7000000 + number * 100 + (0 if same else index):08d}"
    name = f"Shared Trading {number} Ltd" if same else f"Shared Trading {number}-{index} Ltd"
    prop = f"NAT-{number:06d}" if kind == "property" else f"{council(index).prefix}-N{number:04d}"
    return Shared(kind, number, name, company, None, *account, prop)


def plan(councils: int, rng: random.Random) -> dict[int, list[Shared]]:
    """Which council pays which shared grant: of each kind, one match per
    four councils (at least two), each paid by two or three councils.
    Numbers are drawn from ranges no council draws from."""
    each = max(2, councils // 4)
    plans: dict[int, list[Shared]] = {i: [] for i in range(councils)}
    number = 0
    for kind in KINDS:
        for _ in range(each):
            number += 1
            who = sorted(rng.sample(range(councils), rng.randint(2, min(3, councils))))
            shared_account = _account(rng)
            for i in who:
                account = shared_account if kind == "bank-account" else _account(rng)
                plans[i].append(_shared(kind, number, i, account))
    return plans


def generate_councils(outdir: str | Path, councils: int, national_key: bytes,
                      size: int | None = None, seed: int = 2020, plugins: bool = True,
                      force: bool = False) -> list[Summary]:
    """Write ``councils`` councils' books into ``outdir/council-NN``, and
    what they share into ``outdir/planted-national.json`` (written last, so
    a run that fails part way leaves no list for books that are not there)."""
    if not 2 <= councils <= MAX_COUNCILS:
        raise ValueError(f"--councils must be from 2 to {MAX_COUNCILS}")
    out = Path(outdir)
    listed = out / PLANTED
    if listed.exists() and not force and not _ours(listed):
        raise FolderRefused(f"{listed}: not written by {WRITTEN_BY}; give another folder "
                            "or --force")
    # Its own stream of draws: the first council's world draws from ``seed``.
    plans = plan(councils, random.Random(f"{seed}-shared"))
    summaries = []
    for i in range(councils):
        out.mkdir(parents=True, exist_ok=True)
        summaries.append(generate(out / f"council-{i + 1:02d}", size=size, seed=seed + i,
                                  plugins=plugins, force=force, council=council(i),
                                  national_key=national_key, shared=plans[i]))
    planted = [dict(asdict(p), folder=f"council-{i + 1:02d}")
               for i, s in enumerate(summaries) for p in s.shared]
    write_text(str(listed), json.dumps({"written-by": WRITTEN_BY, "shared": planted},
                                       indent=2) + "\n")
    return summaries


def _ours(path: Path) -> bool:
    try:
        return json.loads(path.read_text("utf-8")).get("written-by") == WRITTEN_BY
    except (OSError, ValueError, AttributeError):
        return False
