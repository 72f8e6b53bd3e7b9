"""The demo council's world: its place, suppliers, businesses and groups.

Everything is drawn from one seeded ``random.Random`` so the same seed gives
the same organisations, in the same order, every time.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from ledger.metadata import bank_fingerprint, bank_fingerprint_national

COUNCIL_ID = "GB-LAE-LUN"
COUNCIL_NAME = "Lunesdale District Council"
SALT = "lunesdale-demo"


@dataclass(frozen=True)
class Council:
    """Who keeps the books: ``cwl demo --councils`` writes several, each with
    its own salt and its own ranges of numbers and property references, so
    only what is planted is shared between them."""

    id: str
    name: str
    salt: str
    slug: str  # in 360G- org-ids of its own making
    prefix: str  # of its property references
    numbers: int = 100000  # company and charity numbers are drawn above it


LUNESDALE = Council(COUNCIL_ID, COUNCIL_NAME, SALT, "lunesdale", "LUN")

OWN_DISTRICTS = ("LA1", "LA2", "LA3", "LA4", "LA5")
REGION_PREFIXES = ("LA6", "LA7", "LA8", "PR", "BB", "FY", "BL", "WN", "CA")
ELSEWHERE_DISTRICTS = ("M1", "M4", "L3", "B1", "B15", "LS1", "NE1", "BS1", "EC1A", "SW1P")

_FIRST = ("Riverside", "Lune", "Castle", "Quayside", "Bay", "Morecambe", "Fell",
          "Ashton", "Abbey", "Heysham", "Carnforth", "Halton", "Caton", "Bolton",
          "Wray", "Hornby", "Sunderland", "Silverdale", "Arnside", "Dalton")
_SECOND = ("Joinery", "Bakery", "Cafe", "Print", "Motors", "Cleaning", "Catering",
           "Builders", "Florist", "Books", "Gym", "Salon", "Brewery", "Coaches",
           "Electrical", "Plumbing", "Laundry", "Deli", "Hardware", "Studio")
_GROUPS = ("Food Bank", "Community Pantry", "Youth Club", "Carers Network",
           "Men's Shed", "Good Neighbours", "Befriending Service", "Arts Trust",
           "Sports Club", "Women's Refuge", "Credit Union", "Play Association")
_COMPANY = ("Ltd", "& Co Ltd", "Services Ltd", "Group Ltd", "Supplies Ltd", "(North) Ltd")
_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


@dataclass(frozen=True)
class Org:
    id: str
    name: str
    postcode: str
    company_number: str | None = None
    charity_number: str | None = None
    fingerprint: str | None = None
    sme: bool = False
    vcse: bool = False
    individual: bool = False

    def declaration(self, date: str = "2020-01-01") -> str:
        lines = [f'{date} custom "cwl-organisation" "{self.id}"',
                 f'  name: "{self.name}"',
                 f'  postcode: "{self.postcode}"']
        if self.company_number:
            lines.append(f'  company-number: "{self.company_number}"')
        if self.charity_number:
            lines.append(f'  charity-number: "{self.charity_number}"')
        if self.fingerprint:
            lines.append(f'  bank-fingerprint: "{self.fingerprint}"')
        for flag in ("sme", "vcse", "individual"):
            if getattr(self, flag):
                lines.append(f"  {flag}: TRUE")
        return "\n".join(lines) + "\n"


class World:
    """Draws organisations with unique names, numbers and properties."""

    def __init__(self, rng: random.Random, council: Council = LUNESDALE,
                 national_key: bytes | None = None) -> None:
        """``national_key``: also fingerprint each account for the national
        view (``national``: local fingerprint -> national one)."""
        self.rng = rng
        self.council = council
        self.national_key = national_key
        self.national: dict[str, str] = {}
        self._names: set[str] = set()
        self._numbers = council.numbers
        self._properties = 1000

    def postcode(self, where: str) -> str:
        rng = self.rng
        if where == "own-area":
            outward = rng.choice(OWN_DISTRICTS)
        elif where == "region":
            prefix = rng.choice(REGION_PREFIXES)
            outward = prefix if prefix[-1].isdigit() else f"{prefix}{rng.randint(1, 9)}"
        else:
            outward = rng.choice(ELSEWHERE_DISTRICTS)
        inward = f"{rng.randint(1, 9)}{rng.choice(_INWARD_LETTERS)}{rng.choice(_INWARD_LETTERS)}"
        return f"{outward} {inward}"

    def _number(self) -> int:
        self._numbers += self.rng.randint(1, 97)
        return self._numbers

    def _unique(self, make) -> str:
        for _ in range(1000):
            name = make()
            if name not in self._names:
                self._names.add(name)
                return name
        name = f"{make()} {len(self._names)}"
        self._names.add(name)
        return name

    def fingerprint(self) -> str:
        rng = self.rng
        return self.account(f"{rng.randint(10, 99)}{rng.randint(0, 9999):04d}",
                            f"{rng.randint(0, 99999999):08d}")

    def account(self, sort_code: str, account_number: str) -> str:
        """The local fingerprint of an account, as an importer that sees
        the numbers would write it; its national one noted beside it."""
        local = bank_fingerprint(sort_code, account_number, self.council.salt)
        if self.national_key is not None:
            self.national[local] = bank_fingerprint_national(sort_code, account_number,
                                                             self.national_key)
        return local

    def business(self, where: str = "own-area", sme: bool = True) -> Org:
        rng = self.rng
        name = self._unique(
            lambda: f"{rng.choice(_FIRST)} {rng.choice(_SECOND)} {rng.choice(_COMPANY)}")
        number = f"{self._number():08d}"
        return Org(f"GB-COH-{number}", name, self.postcode(where), company_number=number,
                   fingerprint=self.fingerprint(), sme=sme)

    def sole_trader(self) -> Org:
        rng = self.rng
        name = self._unique(
            lambda: f"{rng.choice('ABCDEFGHJKMPRST')}. {rng.choice(_FIRST)}son t/a "
                    f"{rng.choice(_FIRST)} {rng.choice(_SECOND)}")
        return Org(f"360G-{self.council.slug}-st-{self._number()}", name, self.postcode("own-area"),
                   fingerprint=self.fingerprint(), sme=True, individual=True)

    def group(self) -> Org:
        rng = self.rng
        name = self._unique(lambda: f"{rng.choice(_FIRST)} {rng.choice(_GROUPS)}")
        number = f"{self._number() + 1000000:07d}"
        return Org(f"GB-CHC-{number}", name, self.postcode("own-area"),
                   charity_number=number, fingerprint=self.fingerprint(), vcse=True)

    def supplier(self) -> Org:
        """A supplier: mostly companies, some local charities (VCSE)."""
        if self.rng.random() < 0.08:
            return self.group()
        where = self.rng.choices(("own-area", "region", "elsewhere"), (3, 3, 4))[0]
        return self.business(where, sme=self.rng.random() < 0.6)

    def property_ref(self) -> str:
        self._properties += self.rng.randint(1, 9)
        return f"{self.council.prefix}-{self._properties:06d}"
