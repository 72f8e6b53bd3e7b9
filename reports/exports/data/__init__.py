"""Code lists shipped for the 360Giving export, read offline.

- ``postcode-districts.csv``: postcode district (outward code, ``LA1``) to
  the local authority district where most of its postcodes lie, by ONS
  (GSS) code and name. Compiled for this project from ONS open geography
  (Open Government Licence v3.0); see SOURCE.md for what it covers.
- ``grantToIndividualsReason.csv``, ``grantToIndividualsPurpose.csv``,
  ``geoCodeType.csv``: the 360Giving Data Standard's codelists as published
  (CC BY 4.0).
- ``org-id-prefixes.csv``: the org-id.guide registers a UK grant-maker's
  recipients are found in, and 360Giving's own ``360G``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

POSTCODE_DISTRICTS = "postcode-districts.csv"
GRANT_REASONS = "grantToIndividualsReason.csv"
GRANT_PURPOSES = "grantToIndividualsPurpose.csv"
GEO_CODE_TYPES = "geoCodeType.csv"
ORG_ID_PREFIXES = "org-id-prefixes.csv"

# The 360Giving geoCodeType of a local authority district, by the first
# three characters of its ONS code (the "statistical entity").
GEO_CODE_TYPE = {"E06": "UA", "E07": "NMD", "E08": "MD", "E09": "LONB",
                 "W06": "UA", "S12": "CA"}


@dataclass(frozen=True)
class District:
    """A local authority district: its ONS (GSS) code and name."""

    code: str
    name: str

    @property
    def code_type(self) -> str | None:
        """Its type on 360Giving's geoCodeType codelist (``NMD``, ``MD``...)."""
        return GEO_CODE_TYPE.get(self.code[:3])


def rows(name: str) -> list[dict[str, str]]:
    text = resources.files(__name__).joinpath(name).read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@cache
def districts_by_postcode_district() -> dict[str, District]:
    """``{"LA1": District("E07000121", "Lancaster"), ...}``."""
    return {row["district"]: District(row["lad_code"], row["lad_name"])
            for row in rows(POSTCODE_DISTRICTS)}


@cache
def district_names() -> dict[str, str]:
    """Every district the shipped list names: ONS code -> name."""
    return {d.code: d.name for d in districts_by_postcode_district().values()}


@cache
def codes(name: str) -> frozenset[str]:
    """The codes of one of the shipped 360Giving codelists."""
    return frozenset(row["Code"] for row in rows(name))


@cache
def org_id_prefixes() -> tuple[str, ...]:
    return tuple(row["prefix"] for row in rows(ORG_ID_PREFIXES))
