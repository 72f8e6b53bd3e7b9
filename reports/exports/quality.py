"""360Giving's data-quality checks, run offline on the grants we publish.

360Giving checks every file published to it with its Data Quality Tool
(CoVE for 360Giving, whose checks live in ``lib360dataquality`` in the
public repository ThreeSixtyGiving/dataquality). That library is not on
PyPI, needs Django, and fetches the org-id register from the network, so
``cwl export 360giving --check`` runs the same checks here, on the package
before it is written, and names each grant that fails one. A check is
named after the Data Quality Tool test it follows (``NoBeneficiaryLocation``),
so a finance officer can read 360Giving's guidance on it.

Most checks fail the export's ``--check``. Three are **notices**, listed
but not failing, because the tool itself says they can be right: an
organisation with no charity or company number, and a recipient or funder
identified by a ``360G-`` identifier (which 360Giving prescribes for
organisations on no register).

Not run, because the books cannot answer them: ``NoDataSource`` (the web
address the file will be published at), ``PlannedDurationNotPresent`` and
the planned or actual date checks (the ledger records no planned dates).
Schema validity is ``reports.exports.schema``; closed codelists are
``codelist_problems`` below, which the export also refuses on.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from reports.exports import data

Grant = dict[str, Any]

MAX_TITLE = 140  # characters: the standard's advice for a title
MIN_DESCRIPTION_WORDS = 3  # fewer says nothing the title does not
PAST_YEARS = 25  # FarPastDates: award dates older than this are suspect
PACKAGE = "(package)"

_EMAIL = re.compile(r"[\w.-]+@[\w.-]+\.[\w.-]+")
# The tool's "looks roughly like a postcode" test.
_POSTCODE = re.compile(r"^\s*[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\s*$", re.IGNORECASE)
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class Check:
    """One data-quality test, on one grant."""

    name: str  # the Data Quality Tool's test it follows
    heading: str  # what a grant that fails it has, in plain words
    fails: Callable[[Grant, datetime.date], bool]
    notice: bool = False  # listed, but does not fail the export


@dataclass(frozen=True)
class Problem:
    """A grant (or the whole package) failing one check."""

    grant_id: str
    name: str
    heading: str
    notice: bool = False

    def line(self) -> str:
        return f"{self.grant_id}: {self.heading} [{self.name}]"


# What a grant holds ----------------------------------------------------------

def _organisations(grant: Grant, key: str) -> list[dict[str, Any]]:
    return [o for o in grant.get(key) or [] if isinstance(o, dict)]


def _org_ids(grant: Grant) -> list[str]:
    return [str(o.get("id", "")) for key in ("fundingOrganization", "recipientOrganization")
            for o in _organisations(grant, key)]


def _strings(value: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """Every text in ``value`` with the field it is in."""
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v, key)


def _date(text: Any) -> datetime.date | None:
    match = _DATE.match(str(text or ""))
    try:
        return datetime.date(*map(int, match.groups())) if match else None
    except ValueError:
        return None


def charity_number_ok(number: Any) -> bool:
    """6 or 7 digits, after any two-letter prefix (the tool's test)."""
    text = str(number)
    if text[:2].isalpha():
        text = text[2:]
    return len(text) in (6, 7) and text.isdigit()


def company_number_ok(number: Any) -> bool:
    """8 letters or digits (``01234567``, ``SC123456``)."""
    return bool(re.fullmatch(r"\w{8}", str(number)))


def _prefixed(org_id: str) -> bool:
    return any(org_id.lower().startswith(p.lower()) for p in data.org_id_prefixes())


def _id_invalid(org_id: str) -> bool:
    upper = org_id.upper()
    if upper.startswith("GB-CHC-"):
        return not charity_number_ok(org_id[7:])
    if upper.startswith("GB-COH-"):
        return not company_number_ok(org_id[7:])
    return False


def _individual(grant: Grant) -> bool:
    return "recipientIndividual" in grant


def _locations(grant: Grant) -> list[dict[str, Any]]:
    return [loc for loc in grant.get("beneficiaryLocation") or [] if isinstance(loc, dict)]


def _org_has_place(org: dict[str, Any]) -> bool:
    return bool(org.get("postalCode")) or any(
        loc.get("geoCode") for loc in org.get("location") or [] if isinstance(loc, dict))


def _details_missing(grant: Grant) -> bool:
    details = grant.get("toIndividualsDetails") or {}
    return _individual(grant) and not (details.get("primaryGrantReason")
                                       and details.get("grantPurpose"))


def _off_codelist(grant: Grant) -> bool:
    return bool(list(_codelist_faults(grant)))


def _codelist_faults(grant: Grant) -> Iterator[str]:
    """Each value of a closed 360Giving codelist the grant does not draw
    from it: ``field: value``."""
    details = grant.get("toIndividualsDetails") or {}
    reasons, purposes = data.codes(data.GRANT_REASONS), data.codes(data.GRANT_PURPOSES)
    for key in ("primaryGrantReason", "secondaryGrantReason"):
        if key in details and details[key] not in reasons:
            yield f"toIndividualsDetails/{key}: {details[key]}"
    for code in details.get("grantPurpose") or []:
        if code not in purposes:
            yield f"toIndividualsDetails/grantPurpose: {code}"
    types = data.codes(data.GEO_CODE_TYPES)
    for loc in _locations(grant):
        if loc.get("geoCodeType") and loc["geoCodeType"] not in types:
            yield f"beneficiaryLocation/geoCodeType: {loc['geoCodeType']}"


def _too_old(grant: Grant, today: datetime.date) -> bool:
    award = _date(grant.get("awardDate"))
    try:
        limit = today.replace(year=today.year - PAST_YEARS)
    except ValueError:  # 29 February
        limit = today.replace(year=today.year - PAST_YEARS, day=28)
    return award is not None and award < limit


def _impossible(grant: Grant) -> bool:
    texts = [grant.get("awardDate")] + [
        t.get("transactionDate") for t in grant.get("disbursementTransaction") or []
        if isinstance(t, dict)]
    return any(_DATE.match(str(t or "")) and _date(t) is None for t in texts)


def _words(text: Any) -> int:
    return len(str(text or "").split())


# The checks, in the order they are reported -----------------------------------

CHECKS: tuple[Check, ...] = (
    # Accuracy: what the tool calls quality tests.
    Check("ZeroAmountTest", "a value of £0 awarded",
          lambda g, _: g.get("amountAwarded") == 0),
    Check("GrantIdUnexpectedChars", "a grant identifier with a line break",
          lambda g, _: any(c in str(g.get("id", "")) for c in "\r\n")),
    Check("OrganizationIdUnexpectedChars",
          "a funding or recipient organisation identifier with a line break",
          lambda g, _: any(c in i for i in _org_ids(g) for c in "\r\n")),
    Check("FundingOrgUnrecognisedPrefix",
          "a funding organisation identifier that draws from no recognised register",
          lambda g, _: any(not _prefixed(str(o.get("id", "")))
                           for o in _organisations(g, "fundingOrganization"))),
    Check("RecipientOrgUnrecognisedPrefix",
          "a recipient organisation identifier that draws from no recognised register",
          lambda g, _: any(not _prefixed(str(o.get("id", "")))
                           for o in _organisations(g, "recipientOrganization"))),
    Check("OrganizationIdLooksInvalid",
          "an organisation identifier that is not valid for its register (GB-CHC-, GB-COH-)",
          lambda g, _: any(_id_invalid(i) for i in _org_ids(g))),
    Check("RecipientOrgCharityNumber", "a charity number that does not look like one",
          lambda g, _: any("charityNumber" in o and not charity_number_ok(o["charityNumber"])
                           for o in _organisations(g, "recipientOrganization"))),
    Check("RecipientOrgCompanyNumber", "a company number that does not look like one",
          lambda g, _: any("companyNumber" in o and not company_number_ok(o["companyNumber"])
                           for o in _organisations(g, "recipientOrganization"))),
    Check("LooksLikeEmail", "text that looks like an email address",
          lambda g, _: any("email" not in k.lower() and _EMAIL.search(v)
                           for k, v in _strings(g))),
    Check("ImpossibleDates", "a date that does not exist",
          lambda g, _: _impossible(g)),
    Check("FarPastDates", f"an award date over {PAST_YEARS} years ago", _too_old),
    Check("PostDatedAwardDates", "an award date in the future",
          lambda g, today: (_date(g.get("awardDate")) or today) > today),
    Check("RecipientIndDEI", "a grant to an individual with DEI (project) information",
          lambda g, _: _individual(g) and "project" in g),
    Check("GeoCodePostcode", "a grant to an individual whose location code is a postcode",
          lambda g, _: _individual(g) and any(_POSTCODE.match(str(loc.get("geoCode") or ""))
                                              for loc in _locations(g))),
    Check("CodelistValue", "a code not on its closed 360Giving codelist",
          lambda g, _: _off_codelist(g)),
    # Usefulness.
    Check("IncompleteRecipientOrg", "no recipient organisation location (postcode)",
          lambda g, _: any(not _org_has_place(o)
                           for o in _organisations(g, "recipientOrganization"))),
    Check("NoGrantProgramme", "no grant programme", lambda g, _: not g.get("grantProgramme")),
    Check("NoBeneficiaryLocation", "no beneficiary location",
          lambda g, _: not _locations(g)),
    Check("BeneficiaryLocationNameButNoCode", "a beneficiary location name with no code",
          lambda g, _: any(loc.get("name") and not loc.get("geoCode") for loc in _locations(g))),
    Check("BeneficiaryButNotRecipientGeoData",
          "a beneficiary location but no recipient organisation location",
          lambda g, _: bool(_locations(g)) and any(
              not _org_has_place(o) for o in _organisations(g, "recipientOrganization")[:1])),
    Check("RecipientGeoDataButNoBeneficiary",
          "a recipient organisation location but no beneficiary location",
          lambda g, _: not _locations(g) and any(
              o.get("location") for o in _organisations(g, "recipientOrganization")[:1])),
    Check("TitleDescriptionSame", "a title and a description that are the same",
          lambda g, _: bool(g.get("title")) and g.get("title") == g.get("description")),
    Check("TitleLength", f"a title longer than {MAX_TITLE} characters",
          lambda g, _: len(str(g.get("title", ""))) > MAX_TITLE),
    Check("DescriptionShort", f"a description of fewer than {MIN_DESCRIPTION_WORDS} words",
          lambda g, _: _words(g.get("description")) < MIN_DESCRIPTION_WORDS),
    Check("NoLastModified", "no Last Modified date", lambda g, _: not g.get("dateModified")),
    Check("RecipientIndWithoutToIndividualsDetails",
          "a grant to an individual with no grant reason or purpose (toIndividualsDetails)",
          lambda g, _: _details_missing(g)),
    Check("ClassificationNotPresent", "no classification",
          lambda g, _: not g.get("classifications")),
    # Notices: the tool says these can be right.
    Check("NoRecipientOrgCompanyCharityNumber",
          "a recipient organisation with neither a charity nor a company number",
          lambda g, _: any(not (o.get("charityNumber") or o.get("companyNumber"))
                           for o in _organisations(g, "recipientOrganization")),
          notice=True),
    Check("RecipientOrg360GPrefix", "a recipient organisation identifier that starts 360G-",
          lambda g, _: any(str(o.get("id", "")).lower().startswith("360g")
                           for o in _organisations(g, "recipientOrganization")),
          notice=True),
    Check("FundingOrg360GPrefix", "a funding organisation identifier that starts 360G-",
          lambda g, _: any(str(o.get("id", "")).lower().startswith("360g")
                           for o in _organisations(g, "fundingOrganization")),
          notice=True),
)


def _package_problems(grants: list[Grant]) -> Iterator[Problem]:
    """Checks on the package as a whole: identifiers and funders."""
    ids = [str(g.get("id", "")) for g in grants]
    for grant_id in sorted({i for i in ids if ids.count(i) > 1}):
        yield Problem(grant_id, "DuplicateGrantId", "a grant identifier used by another grant")
    funders = {(str(o.get("id", "")), str(o.get("name", "")))
               for g in grants for o in _organisations(g, "fundingOrganization")}
    if len({i for i, _ in funders}) > 1:
        yield Problem(PACKAGE, "MoreThanOneFundingOrg",
                      f"{len({i for i, _ in funders})} different funding organisation "
                      "identifiers")
    if any(len({n for i, n in funders if i == org_id}) > 1 for org_id, _ in funders):
        yield Problem(PACKAGE, "MultiFundingNamesForOrgId",
                      "a funding organisation identifier with more than one name")
    if any(len({i for i, n in funders if n == name}) > 1 for _, name in funders):
        yield Problem(PACKAGE, "MultiFundingOrgIdsForName",
                      "a funding organisation name with more than one identifier")


def problems(package: dict[str, Any], today: datetime.date) -> list[Problem]:
    """Every check each grant fails, grant by grant in the package's order,
    then the package-wide ones; notices included (``Problem.notice``)."""
    grants = [g for g in package.get("grants") or [] if isinstance(g, dict)]
    found = [Problem(str(g.get("id", "")), check.name, check.heading, check.notice)
             for g in grants for check in CHECKS if check.fails(g, today)]
    return found + list(_package_problems(grants))


def codelist_problems(package: dict[str, Any]) -> list[str]:
    """Values outside the standard's closed codelists, as ``path: value``;
    the export refuses them as it refuses a schema error."""
    return [f"grants/{n}/{fault}"
            for n, grant in enumerate(package.get("grants") or [])
            if isinstance(grant, dict) for fault in _codelist_faults(grant)]
