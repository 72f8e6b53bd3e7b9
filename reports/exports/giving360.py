"""Grants awarded, in the 360Giving Data Standard (JSON or CSV).

Every figure is the grants rule's (``Session.grants``): an award (linked
``^award-<id>``) is published at what was awarded less its corrections, and
its disbursements are its payments and, as negative values, its recoveries.
A correction lowers the award; no money moved, so it is never published as
a disbursement.

Identifiers follow the standard's guidance: a grant is ``<prefix>-<award
id>`` where the prefix is the council's registered 360Giving prefix
(``360G-`` + its org-id until it registers one); a person is never named but
published as ``recipientIndividual`` "Individual Recipient" with an id
``<prefix>-IND-0001`` that says nothing about them, and a generic
description, as the standard's grants-to-individuals guidance asks. A
grant to a person is ``<prefix>-IND-GRANT-0001``: an award id or link may
name the person it was made to, so it is never published. An award is a
person's when any transaction on its link is, so a payment to a person's
bank account hides the award it pays, as the spend export hides it.

Every grant also carries what 360Giving's data-quality checks look for
(``reports.exports.quality``): a ``beneficiaryLocation`` (the local
authority district, ``reports.exports.locations``), ``toIndividualsDetails``
on a grant to a person (the scheme's ``grant-reason`` and ``grant-purpose``
codes), ``classifications`` (the scheme's ``classification``), a
``description`` other than the title (the narration, or the scheme's title
and ``purpose`` when the narration only names the scheme) and a
``dateModified`` that the books decide: the date of the latest transaction
on the award's link, so the same books give the same bytes.

Every text in the package is scrubbed (``Redactor.scrub``) last, so a
person's name, surname or postcode in another grant's title or description
is replaced too.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from beancount.core import data

from ledger import metadata
from ledger.config import Config
from ledger.models import GrantScheme
from ledger.redaction import LOOKS_PERSONAL
from reports.exports import locations
from reports.exports.data import District
from rules.grants import Award, GrantPayment, GrantsAnalysis
from rules.session import Session

CURRENCY = "GBP"
INDIVIDUAL_NAME = "Individual Recipient"  # the standard's recommended generic name
_NOT_ID = re.compile(r"[^A-Za-z0-9-]+")


def safe_id(text: str) -> str:
    """Spaces and special characters become ``_`` (the standard's advice)."""
    return _NOT_ID.sub("_", text).strip("_")


def default_prefix(config: Config) -> str:
    """``360G-<council org-id>``: unique, and a stand-in until 360Giving
    registers the council's own prefix (pass it with ``--prefix``)."""
    if not config.settings.id:
        raise ValueError('the ledger declares no org-id in "cwl-settings"; '
                         "give the 360Giving prefix with --prefix")
    return f"360G-{config.settings.id}"


@dataclass
class PublishedAward:
    """One award as published: the rule's award (the first under its id),
    what stands of it and the money that moved on its link."""

    award: Award
    amount: Decimal  # awarded (top-ups included) less corrections
    # (date, amount): payments positive, recoveries negative, in date order.
    disbursements: list[tuple[datetime.date, Decimal]] = field(default_factory=list)
    # The latest transaction on the award's link: award, top-up, correction,
    # payment or recovery. Published as the grant's ``dateModified``.
    modified: datetime.date | None = None

    @property
    def award_id(self) -> str:
        return str(self.award.award_id)

    @property
    def disbursed(self) -> Decimal:
        return sum((amount for _, amount in self.disbursements), Decimal(0))


def _ledger_order(record: Award | GrantPayment) -> tuple[datetime.date, int]:
    """Beancount's own order: by date, then by line."""
    return record.date, int(record.meta.get("lineno", 0))


def published_awards(analysis: GrantsAnalysis, start: datetime.date | None = None,
                     end: datetime.date | None = None) -> list[PublishedAward]:
    """Linked awards dated ``start``..``end`` (inclusive), in date order.

    An award made in two transactions under one id (a top-up) is one grant.
    Payments on a link with no award are not grants and are left out; ``cwl
    check`` reports them.
    """
    published: dict[str, PublishedAward] = {}
    for award in sorted(analysis.awards, key=_ledger_order):
        if award.award_id is None:
            continue
        if award.award_id in published:
            published[award.award_id].amount += award.amount
        else:
            published[award.award_id] = PublishedAward(award, award.amount)
        grant = published[award.award_id]
        grant.modified = max(grant.modified or award.date, award.date)
    moves = sorted((p for s in analysis.schemes.values() for p in s.payments),
                   key=_ledger_order)
    for move in moves:
        grant = published.get(move.award_id) if move.award_id else None
        if grant is not None:
            grant.disbursements.append((move.date, -move.amount if move.recovery
                                        else move.amount))
            grant.modified = max(grant.modified or move.date, move.date)
    for correction in (c for s in analysis.schemes.values() for c in s.corrections):
        grant = published.get(correction.award_id) if correction.award_id else None
        if grant is not None:
            grant.modified = max(grant.modified or correction.date, correction.date)
    return [g for g in published.values()
            if not ((start and g.award.date < start) or (end and g.award.date > end))]


def json_number(amount: Decimal) -> int | float:
    """A JSON number with the decimal's digits (pennies survive a float's
    shortest repr for any sum of money a council awards)."""
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if v not in (None, "", [], ())}


def date_time(date: datetime.date) -> str:
    """A date as the full date-time 360Giving's ``dateModified`` asks for."""
    return f"{date.isoformat()}T00:00:00Z"


def bare_narration(narration: str, scheme_code: str, title: str) -> bool:
    """Whether a narration says no more than which scheme the award is
    under (``SBGF award``, the scheme's title, or nothing)."""
    said = " ".join(narration.split()).casefold()
    return said in {"", "award", "grant", *(
        name.casefold() for base in (scheme_code, title) if base
        for name in (base, f"{base} award", f"{base} grant"))}


def description(narration: str, scheme_code: str, title: str,
                scheme: GrantScheme | None) -> str:
    """The narration, or, when it only names the scheme, the scheme's title
    and purpose (the title alone when the scheme declares no purpose)."""
    if not bare_narration(narration, scheme_code, title):
        return " ".join(narration.split())
    purpose = " ".join((scheme.purpose if scheme else "").split())
    return f"{title}: {purpose}" if purpose else title


def individuals_details(scheme: GrantScheme | None) -> dict[str, Any]:
    """``toIndividualsDetails`` from the scheme's 360Giving codes."""
    if scheme is None:
        return {}
    reasons = scheme.grant_reason
    return _clean({"primaryGrantReason": reasons[0] if reasons else None,
                   "secondaryGrantReason": reasons[1] if len(reasons) > 1 else None,
                   "grantPurpose": list(scheme.grant_purpose)})


def classifications(scheme: GrantScheme | None) -> list[dict[str, Any]]:
    if scheme is None or not scheme.classification:
        return []
    vocabulary, code, *title = scheme.classification
    return [_clean({"vocabulary": vocabulary, "code": code,
                    "title": title[0] if title else None})]


class GrantWriter:
    """Turns awards into 360Giving grants for one session and prefix."""

    def __init__(self, session: Session, prefix: str) -> None:
        self.session = session
        self.config = session.config
        self.prefix = prefix.rstrip("-")
        self._people: dict[str, str] = {}  # person key -> published id
        self.individuals = 0
        self.for_review: set[str] = set()  # payees held back as looking personal
        self.council = locations.council_district(self.config)
        self.located_by_council = 0  # organisations' grants whose postcode maps nowhere
        self.unlocated = 0  # grants with no beneficiary location at all

    def grant(self, published: PublishedAward) -> dict[str, Any]:
        award = published.award
        scheme = self.config.schemes.get(award.scheme)
        programme = scheme.title if scheme else award.scheme
        txn = self.session.transaction_at(award.meta)
        decision = self.session.redactor.decide(txn) if txn is not None else None
        personal = published.award_id in self.session.personal_awards or (
            decision is not None and decision.personal)
        ident = (f"{self.prefix}-IND-GRANT-{self.individuals + 1:04d}" if personal
                 else f"{self.prefix}-{safe_id(published.award_id)}")
        grant: dict[str, Any] = {"id": ident, "title": programme}
        if personal:
            self.individuals += 1
            if decision is not None and decision.reason == LOOKS_PERSONAL:
                self.for_review.add(txn.payee or "")
            grant["description"] = f"{programme}: a grant to an individual"
            recipient: dict[str, Any] = {"recipientIndividual": {
                "id": self._person_id(award, txn), "name": INDIVIDUAL_NAME}}
        else:
            grant["description"] = description(award.narration or "", award.scheme,
                                               programme, scheme)
            recipient = {"recipientOrganization": [self._organisation(award, txn)]}
        grant.update({
            "currency": CURRENCY,
            "amountAwarded": json_number(published.amount),
            "amountDisbursed": json_number(published.disbursed),
            "awardDate": award.date.isoformat(),
            **recipient,
        })
        district = self._beneficiary_district(award, personal)
        if district is not None:
            grant["beneficiaryLocation"] = [locations.location(district)]
        if personal and individuals_details(scheme):
            grant["toIndividualsDetails"] = individuals_details(scheme)
        grant.update({
            "fundingOrganization": [_clean({"id": self.config.settings.id,
                                            "name": self.config.settings.name})],
            "grantProgramme": [{"code": award.scheme, "title": programme}],
        })
        if classifications(scheme):
            grant["classifications"] = classifications(scheme)
        if published.disbursements:
            grant["disbursementTransaction"] = [
                {"id": f"{ident}-{n}", "transactionDate": date.isoformat(),
                 "currency": CURRENCY, "value": json_number(amount)}
                for n, (date, amount) in enumerate(published.disbursements, 1)]
        grant["dateModified"] = date_time(published.modified or award.date)
        return grant

    def _beneficiary_district(self, award: Award, personal: bool) -> District | None:
        """A person's grant: the council's own district (nothing of theirs
        is used unless the council's district is unknown). An
        organisation's: the district of the award's postcode, else of its
        declared one, else the council's (counted, for the summary)."""
        org = self.config.organisations.get(award.org_id)
        candidates = (award.meta.get(metadata.POSTCODE), org.postcode if org else None)
        if personal and self.council is not None:
            return self.council
        found = next((d for d in map(locations.district_of, candidates) if d), None)
        if found is not None:
            return found
        if self.council is None:
            self.unlocated += 1
        elif not personal:
            self.located_by_council += 1
        return self.council

    def _person_id(self, award: Award, txn: data.Transaction | None) -> str:
        """A sequential id per person, the same on each of their grants."""
        payee = (txn.payee if txn else None) or ""
        key = award.org_id or " ".join(payee.split()).casefold()
        if key not in self._people:
            self._people[key] = f"{self.prefix}-IND-{len(self._people) + 1:04d}"
        return self._people[key]

    def _organisation(self, award: Award, txn: data.Transaction | None) -> dict[str, Any]:
        meta = award.meta
        org = self.config.organisations.get(award.org_id)
        name = (org.name if org else "") or (txn.payee if txn else "") or ""
        return _clean({
            "id": award.org_id or f"{self.prefix}-ORG-{safe_id(name)}",
            "name": name,
            "postalCode": (org and org.postcode) or meta.get(metadata.POSTCODE),
            "charityNumber": (org and org.charity_number) or meta.get(metadata.CHARITY_NUMBER),
            "companyNumber": (org and org.company_number) or meta.get(metadata.COMPANY_NUMBER),
        })


@dataclass(frozen=True)
class Package:
    """The ``{"grants": [...]}`` package and what the officer is told of it."""

    data: dict[str, Any]
    individuals: int  # grants to people, published without their names
    for_review: tuple[str, ...]  # payees held back because they look like people
    council: District | None = None  # the council's own district, if known
    located_by_council: int = 0  # organisations' grants given the council's district
    unlocated: int = 0  # grants with no beneficiary location


def package(awards: Iterable[PublishedAward], session: Session, prefix: str) -> Package:
    """The grants as published, every text scrubbed of individuals.

    An award is a person's when any transaction on its link is
    (``Session.personal_awards``), so a payment to a person's bank account
    hides the award it pays.
    """
    writer = GrantWriter(session, prefix)
    grants = [writer.grant(award) for award in awards]
    return Package(_scrubbed({"grants": grants}, session.redactor.scrub),
                   writer.individuals, tuple(sorted(writer.for_review)), writer.council,
                   writer.located_by_council, writer.unlocated)


def _scrubbed(value: Any, scrub: Callable[[str], str]) -> Any:
    """``value`` with every string in it scrubbed, numbers left alone."""
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, dict):
        return {k: _scrubbed(v, scrub) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrubbed(v, scrub) for v in value]
    return value


def to_json(grants: dict[str, Any]) -> str:
    return json.dumps(grants, indent=2, ensure_ascii=False) + "\n"
