"""Where a grant's beneficiaries are: the local authority district.

360Giving asks for a beneficiary location on every grant. A council
publishes the local authority district, by name and ONS (GSS) code, which
is coarse enough never to point at a person: the grant's postcode (the
award's own ``postcode``, else the recipient's declared one) is looked up
by its postcode district (``LA1``) in the code list shipped in
``reports/exports/data``, offline. The postcode itself is never published
here.

The council's own district stands in where no postcode maps, and for every
grant to an individual: ``gss-code`` (and ``district``, its name) on
``cwl-area``, or else the one district that the area's own postcode
districts all map to.
"""

from __future__ import annotations

from typing import Any

from ledger import postcodes
from ledger.config import Config
from reports.exports.data import District, district_names, districts_by_postcode_district


def district_of(postcode: object) -> District | None:
    """The district ``postcode`` lies in, by its postcode district, or None
    when it is not a postcode or the shipped list does not hold it."""
    parsed = postcodes.parse(str(postcode)) if postcode else None
    return districts_by_postcode_district().get(parsed.district) if parsed else None


def council_district(config: Config) -> District | None:
    """The council's own district: declared on ``cwl-area`` (``gss-code``,
    or a ``district`` name the code list knows), else the single district
    its own postcode areas and districts map to; None when neither says."""
    area = config.area
    if area is None:
        return None
    names = district_names()
    if area.gss_code:
        return District(area.gss_code, area.district or names.get(area.gss_code) or area.id)
    if area.district:
        codes = [code for code, name in names.items() if name == area.district]
        if len(codes) == 1:
            return District(codes[0], area.district)
    table = districts_by_postcode_district()
    found: set[District] = set()
    for prefix in postcodes.area_prefixes(area.own):
        outward = prefix.split(" ")[0]
        if outward.isalpha():  # a whole postcode area: every district in it
            found |= {d for key, d in table.items() if postcodes.Postcode(f"{key} 1AA").area
                      == outward}
        elif outward in table:
            found.add(table[outward])
    return found.pop() if len(found) == 1 else None


def location(district: District) -> dict[str, Any]:
    """A 360Giving ``Location`` for ``district``."""
    place: dict[str, Any] = {"name": district.name, "countryCode": "GB",
                             "geoCode": district.code}
    if district.code_type:
        place["geoCodeType"] = district.code_type
    return place
