"""Emergency grants: every award, payment and recovery keeps to its scheme.

Councils paid COVID business grants at speed, with few checks before
payment, and must show a grant panel and the auditors afterwards that each
award matched its scheme's amount and dates, that no property or business
was paid twice, and that no beneficiary went over its subsidy limit.

An award is a transaction with a positive ``Expenses:Grants:<scheme>``
posting, a payment one with a positive ``Liabilities:GrantsPayable:<scheme>``
posting, and a recovery (``recovery: TRUE``) one with a negative
``Expenses:Grants:<scheme>`` posting; the ``^award-<id>`` link joins them.
A negative ``Expenses:Grants`` posting without ``recovery: TRUE`` is a
correction: it lowers the award it is linked to (its ``GrantsPayable`` side
is not a payment). An award is judged on what stands once corrections and
recoveries are counted, so a wrong award recovered back to the sum due is
clear, and one recovered in full counts as never made.
The rules are read from the schemes, organisations and subsidy regimes the
ledger declares with ``custom`` directives. Books that declare no scheme and
carry no grant metadata are left alone.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from beancount.core import data

from ledger import accounts
from ledger import metadata as md
from ledger.models import GrantScheme, Organisation, SubsidyRegime
from rules.common import Finding, RuleContext, as_plugin, error, gbp

__plugins__ = ("plugin",)

ZERO = Decimal(0)
_GRANTS = accounts.GRANTS + ":"
_PAYABLE = accounts.GRANTS_PAYABLE + ":"
_EITHER = (_GRANTS, _PAYABLE)


@dataclass(eq=False)
class Award:
    """One award, with what was paid and recovered on it."""

    award_id: str | None
    scheme: str
    date: datetime.date
    org_id: str | None
    payee: str | None
    property_ref: str | None
    rateable_value: Decimal | None
    amount: Decimal  # as awarded, less any corrections
    company_number: str | None
    bank_fingerprint: str | None
    meta: dict[str, Any]
    paid: Decimal = ZERO
    recovered: Decimal = ZERO
    corrected: Decimal = ZERO  # taken off the award by corrections

    @property
    def net(self) -> Decimal:
        """Paid less recovered: what the recipient has kept."""
        return self.paid - self.recovered

    @property
    def effective(self) -> Decimal:
        """The award as it stands: recoveries first clear any overpayment
        (paid above the award), the rest reduce the award. Zero (or less)
        once the award was recovered in full."""
        overpaid = max(self.paid - self.amount, ZERO)
        return self.amount - max(self.recovered - overpaid, ZERO)

    @property
    def void(self) -> bool:
        """Recovered or corrected in full: counts as never made."""
        return self.effective <= 0


@dataclass(eq=False)
class Payment:
    """A payment of an award, or (``recovery``) money clawed back on it."""

    award_id: str | None
    scheme: str
    date: datetime.date
    amount: Decimal
    recovery: bool
    org_id: str | None
    bank_fingerprint: str | None
    meta: dict[str, Any]


@dataclass(eq=False)
class Correction:
    """A negative grant posting without ``recovery: TRUE``: the award it
    links to is lowered by ``amount``; no money moves."""

    award_id: str | None
    scheme: str
    date: datetime.date
    amount: Decimal
    meta: dict[str, Any]


@dataclass
class SchemeGrants:
    """A scheme's awards and payments; ``declared`` is None when the ledger
    uses a scheme it never declared."""

    scheme: str
    declared: GrantScheme | None
    awards: list[Award] = field(default_factory=list)
    payments: list[Payment] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)

    @property
    def awarded(self) -> Decimal:
        return sum((a.amount for a in self.awards), ZERO)

    @property
    def paid(self) -> Decimal:
        return sum((p.amount for p in self.payments if not p.recovery), ZERO)

    @property
    def recovered(self) -> Decimal:
        return sum((p.amount for p in self.payments if p.recovery), ZERO)


@dataclass(frozen=True)
class DuplicateGroup:
    """Awards in one scheme sharing a property, or a bank account or company
    number across two or more org-ids: the post-payment assurance list of
    possible double payments."""

    scheme: str
    shared: str  # "bank-fingerprint", "company-number" or "property-ref"
    value: str
    awards: tuple[Award, ...]

    @property
    def award_ids(self) -> tuple[str | None, ...]:
        return tuple(a.award_id for a in self.awards)

    @property
    def org_ids(self) -> tuple[str, ...]:
        return tuple(sorted({a.org_id for a in self.awards if a.org_id}))


@dataclass
class GrantsAnalysis:
    schemes: dict[str, SchemeGrants]
    findings: list[Finding]
    duplicates: list[DuplicateGroup]


def _number(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        return None


def _date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None



def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _name(award: Award) -> str:
    return f"Award {award.award_id or '(unlinked)'} ({award.scheme})"


class _Reader:
    """Reads awards, payments and recoveries from transactions in one pass."""

    def __init__(self, organisations: dict[str, Organisation]) -> None:
        self.organisations = organisations

    def org_field(self, meta: dict[str, Any], org_id: str | None, key: str) -> str | None:
        """An organisation-level field from the txn, else its declaration."""
        if meta.get(key) is not None:
            return str(meta[key])
        org = self.organisations.get(org_id) if org_id else None
        return getattr(org, key.replace("-", "_")) if org else None

    def award(self, entry: data.Transaction, scheme: str, amount: Decimal) -> Award:
        meta = entry.meta
        org_id = _text(meta.get(md.ORG_ID))
        org = self.organisations.get(org_id) if org_id else None
        return Award(
            award_id=md.link_id(entry.links, md.AWARD_LINK),
            scheme=scheme,
            date=entry.date,
            org_id=org_id,
            payee=entry.payee or (org.name if org else None),
            property_ref=_text(meta.get(md.PROPERTY_REF)),
            rateable_value=_number(meta.get(md.RATEABLE_VALUE)),
            amount=amount,
            company_number=self.org_field(meta, org_id, md.COMPANY_NUMBER),
            bank_fingerprint=self.org_field(meta, org_id, md.BANK_FINGERPRINT),
            meta=meta,
        )

    def payment(self, entry: data.Transaction, scheme: str, amount: Decimal,
                recovery: bool) -> Payment:
        org_id = _text(entry.meta.get(md.ORG_ID))
        return Payment(
            award_id=md.link_id(entry.links, md.AWARD_LINK),
            scheme=scheme,
            date=entry.date,
            amount=amount,
            recovery=recovery,
            org_id=org_id,
            bank_fingerprint=self.org_field(entry.meta, org_id, md.BANK_FINGERPRINT),
            meta=entry.meta,
        )


Movement = Payment | Correction


def _read(entries: list[data.Directive],
          reader: _Reader) -> tuple[list[Award], list[Movement]]:
    """The one pass over the ledger: awards, and payments, recoveries and
    corrections in ledger (date) order."""
    awards: list[Award] = []
    movements: list[Movement] = []
    grant_accounts: dict[str, bool] = {}  # account -> under a grant root
    for entry in entries:
        if not isinstance(entry, data.Transaction):
            continue
        for posting in entry.postings:
            account = posting.account
            touches = grant_accounts.get(account)
            if touches is None:
                touches = grant_accounts[account] = account.startswith(_EITHER)
            if touches:
                _take(entry, reader, awards, movements)
                break
    return awards, movements


def _take(entry: data.Transaction, reader: _Reader, awards: list[Award],
          movements: list[Movement]) -> None:
    """Read one transaction that touches a grant account."""
    awarded = clawed = paid = ZERO
    grant_leaf = payable_leaf = None
    for posting in entry.postings:
        account, number = posting.account, posting.units.number
        if account.startswith(_GRANTS):
            if number > 0:
                awarded += number
            else:
                clawed -= number
            grant_leaf = grant_leaf or accounts.leaf(account, accounts.GRANTS)
        elif account.startswith(_PAYABLE) and number > 0:
            paid += number
            payable_leaf = payable_leaf or accounts.leaf(account, accounts.GRANTS_PAYABLE)
    scheme = _text(entry.meta.get(md.SCHEME))
    if md.is_true(entry.meta.get(md.RECOVERY)):
        if clawed > 0:
            movements.append(reader.payment(entry, scheme or grant_leaf, clawed, True))
    elif awarded > 0:
        awards.append(reader.award(entry, scheme or grant_leaf, awarded))
    elif clawed > 0:
        # A correction: its GrantsPayable side reverses the award, not a payment.
        movements.append(Correction(md.link_id(entry.links, md.AWARD_LINK),
                                    scheme or grant_leaf, entry.date, clawed, entry.meta))
        return
    if paid > 0:
        movements.append(reader.payment(entry, scheme or payable_leaf, paid, False))


def _exclusive(a: GrantScheme, b: GrantScheme) -> bool:
    return b.id in a.exclusive_with or a.id in b.exclusive_with


def _sum(award: Award) -> str:
    """``of £10,000.00``, saying how corrections and recoveries got there."""
    kept = award.effective
    changes = []
    if award.corrected:
        changes.append(f"{gbp(award.corrected)} corrected")
    if award.amount != kept:
        changes.append(f"{gbp(award.amount - kept)} recovered")
    if not changes:
        return f"of {gbp(kept)}"
    return (f"of {gbp(kept)} ({gbp(award.amount + award.corrected)} awarded, "
            f"{', '.join(changes)})")


def _amount_problem(award: Award, scheme: GrantScheme) -> str | None:
    """Why the award, as it stands after corrections and recoveries, breaks
    the scheme's amount rule or rateable-value ceiling, if it does."""
    rule, kept, rv = scheme.amounts, award.effective, award.rateable_value
    what = _sum(award)
    shown_rv = f"rateable value {gbp(rv)}" if rv is not None else ""
    ceiling = scheme.max_rateable_value
    if ceiling is not None and rv is not None and rv >= ceiling:
        return (f"{what} is for a property with {shown_rv}, which is not eligible: "
                f"{scheme.id} excludes rateable values of {gbp(ceiling)} or more")
    if rule.kind == "panel":
        return None
    if rule.kind == "set":
        if rule.allows(kept):
            return None
        return f"{what} is not one of the {scheme.id} sums '{rule.text}'"
    if rule.needs_rateable_value and rv is None:
        return (f"has no rateable-value, which the {scheme.id} amount rule "
                f"'{rule.text}' needs")
    due = rule.expected(rv)
    if due is None:
        return (f"{what} is for a property with {shown_rv}, which is "
                f"not eligible under the {scheme.id} rule '{rule.text}'")
    if rule.kind == "max":
        if kept > due:
            return f"{what} is above the {scheme.id} cap of {gbp(due)}"
        return None
    if kept != due:
        basis = f" for {shown_rv}" if shown_rv else ""
        return (f"{what} should be {gbp(due)}{basis} "
                f"under the {scheme.id} rule '{rule.text}'")
    return None


def _window_start(regime: SubsidyRegime, on: datetime.date) -> datetime.date:
    """First day of the regime's rolling window for an award made ``on``."""
    if regime.window == "fiscal-years-3":
        return datetime.date(on.year - 2, 1, 1)
    if regime.window == "financial-years-3":
        first = on.year if on >= datetime.date(on.year, 4, 1) else on.year - 1
        return datetime.date(first - 2, 4, 1)
    return regime.start


def _in_force(regime: SubsidyRegime, on: datetime.date) -> bool:
    return regime.start <= on and (regime.end is None or on <= regime.end)


class _Checker:
    """The rules, applied to what ``_read`` found."""

    def __init__(self, context: RuleContext, awards: list[Award],
                 movements: list[Movement]) -> None:
        self.context = context
        self.schemes = context.config.schemes
        self.awards = awards
        self.movements = movements
        self.findings: list[Finding] = []
        self.by_id: dict[str, Award] = {}
        for award in awards:
            if award.award_id is not None:
                self.by_id.setdefault(award.award_id, award)

    def find(self, meta: dict[str, Any], message: str, code: str) -> None:
        self.findings.append(Finding(code, message, meta))

    def run(self) -> list[Finding]:
        self.check_schemes()
        # Payments, recoveries and corrections first: awards are judged on
        # what stands after them. Their findings still follow the awards'.
        before, self.findings = self.findings, []
        self.check_movements()
        moved, self.findings = self.findings, before
        checked = self.check_awards()
        self.findings += moved
        self.check_subsidy(checked)
        return self.findings

    def check_schemes(self) -> None:
        """A scheme's ``regime`` names a declared subsidy regime."""
        regimes = self.context.config.subsidy_regimes
        for scheme in self.schemes.values():
            if scheme.regime is not None and scheme.regime not in regimes:
                known = ", ".join(sorted(regimes)) or "none"
                self.find(scheme.meta, f"Scheme {scheme.id} names regime "
                          f"'{scheme.regime}', which the ledger does not declare with "
                          f"cwl-subsidy-regime (declared: {known})", "grants.unknown-regime")

    def check_awards(self) -> list[Award]:
        """Per-award rules; returns the awards in declared schemes.

        An award recovered or corrected in full (``void``) is not judged on
        its amount, property or recipient, and does not count against later
        awards for the same property or business.
        """
        schemes_of_org: dict[str, set[str]] = defaultdict(set)
        schemes_of_property: dict[str, set[str]] = defaultdict(set)
        for award in self.awards:
            if award.void:
                continue
            if award.org_id:
                schemes_of_org[award.org_id].add(award.scheme)
            if award.property_ref:
                schemes_of_property[award.property_ref].add(award.scheme)

        on_property: dict[str, dict[str, Award]] = defaultdict(dict)
        # Company number -> the first org-id and scheme awarded it, across schemes.
        company_org: dict[str, tuple[str, str]] = {}
        reported_company: set[tuple[str, str]] = set()
        checked: list[Award] = []
        for award in self.awards:
            scheme = self.schemes.get(award.scheme)
            if scheme is None:
                if self.schemes or award.award_id or md.SCHEME in award.meta:
                    self.find(award.meta, f"{_name(award)} is for scheme "
                              f"'{award.scheme}', which the ledger does not declare "
                              f"with cwl-scheme", "grants.unknown-scheme")
                continue
            checked.append(award)
            name = _name(award)

            problem = None if award.void else _amount_problem(award, scheme)
            if problem:
                self.find(award.meta, f"{name} {problem}", "grants.amount")

            if not scheme.opens <= award.date <= scheme.closes:
                self.find(award.meta, f"{name} of {gbp(award.amount)} is dated "
                          f"{award.date}, outside the scheme's dates "
                          f"{scheme.opens} to {scheme.closes}", "grants.outside-dates")

            if scheme.needs_panel:
                approved = _date(award.meta.get(md.PANEL_APPROVED))
                if approved is None or approved > award.date:
                    when = (f"was approved by the panel on {approved}, after the award"
                            if approved else "has no panel-approved date")
                    self.find(award.meta, f"{name} of {gbp(award.amount)} {when}; "
                              f"{scheme.id} awards need grant panel approval first",
                              "grants.no-panel")

            if award.property_ref and not award.void:
                self.check_property(award, scheme, on_property[award.property_ref])

            if scheme.excludes_recipients_of and not award.void:
                had = (schemes_of_org.get(award.org_id, set())
                       | schemes_of_property.get(award.property_ref, set()))
                barred = sorted(had & set(scheme.excludes_recipients_of))
                if barred:
                    self.find(award.meta, f"{name} of {gbp(award.amount)} goes to "
                              f"{award.org_id or award.property_ref}, which had "
                              f"{' and '.join(barred)}; {scheme.id} excludes recipients "
                              f"of {', '.join(scheme.excludes_recipients_of)}",
                              "grants.excluded-recipient")

            if award.company_number and award.org_id:
                number = award.company_number
                first_org, first_scheme = company_org.setdefault(
                    number, (award.org_id, award.scheme))
                if first_org != award.org_id and (number, award.org_id) not in reported_company:
                    reported_company.add((number, award.org_id))
                    self.find(award.meta, f"{name} to {award.org_id} has company number "
                              f"{number}, already awarded {first_scheme} "
                              f"as {first_org}", "grants.duplicate-company")
        return checked

    def check_property(self, award: Award, scheme: GrantScheme,
                       earlier: dict[str, Award]) -> None:
        """One award per property per scheme; never two exclusive schemes.

        ``earlier`` is the property's first award in each scheme so far, so a
        clash between two schemes is reported once, at the later scheme's
        first award.
        """
        name = _name(award)
        first = earlier.get(award.scheme)
        if first is not None and scheme.one_per_property:
            self.find(award.meta, f"{name} of {gbp(award.amount)} is a second award "
                      f"for property {award.property_ref}, already awarded as "
                      f"{first.award_id} ({scheme.id} allows one per property)",
                      "grants.one-per-property")
        elif first is None:
            for other_id, other in earlier.items():
                other_scheme = self.schemes.get(other_id)
                if other_scheme and _exclusive(scheme, other_scheme):
                    self.find(award.meta, f"{name} of {gbp(award.amount)} is for property "
                              f"{award.property_ref}, which already had {other_id} award "
                              f"{other.award_id}; a property gets {other_id} or "
                              f"{award.scheme}, not both", "grants.exclusive")
                    break
        earlier.setdefault(award.scheme, award)

    def check_movements(self) -> None:
        """Payments match an award, are not left above it once recoveries
        and corrections are counted, and never share a bank account across
        businesses, in any scheme."""
        # Fingerprint -> the first org-id and scheme paid into it.
        fingerprint_org: dict[str, tuple[str, str]] = {}
        reported_bank: set[tuple[str, str]] = set()
        # Award -> the payment (or correction) that took net payments over
        # it, and the net then; dropped when recoveries bring it back within.
        overrun: dict[Award, tuple[Movement, Decimal]] = {}
        for move in self.movements:
            award = self.by_id.get(move.award_id) if move.award_id else None
            if isinstance(move, Correction):
                if award is None:
                    if move.scheme in self.schemes or move.award_id:
                        link = (f"^award-{move.award_id}" if move.award_id
                                else "no ^award- link")
                        self.find(move.meta, f"Correction of {gbp(move.amount)} on "
                                  f"{move.scheme} has {link}, matching no award",
                                  "grants.no-award")
                    continue
                award.amount -= move.amount
                award.corrected += move.amount
                if award.scheme in self.schemes and award.net > award.amount:
                    overrun.setdefault(award, (move, award.net))
                continue
            if move.recovery:
                if award is not None:
                    award.recovered += move.amount
                    if award.net <= award.amount:
                        overrun.pop(award, None)
                continue
            if award is None:
                if move.scheme in self.schemes or move.award_id:
                    link = f"^award-{move.award_id}" if move.award_id else "no ^award- link"
                    self.find(move.meta, f"Payment of {gbp(move.amount)} on {move.scheme} "
                              f"has {link}, matching no award", "grants.no-award")
                continue
            award.paid += move.amount
            if award.scheme not in self.schemes:
                continue
            if award.net > award.amount:
                overrun.setdefault(award, (move, award.net))
            org_id = move.org_id or award.org_id
            fingerprint = (move.bank_fingerprint or award.bank_fingerprint
                           or self.org_fingerprint(org_id))
            if not (org_id and fingerprint):
                continue
            first_org, first_scheme = fingerprint_org.setdefault(
                fingerprint, (org_id, award.scheme))
            if first_org != org_id and (fingerprint, org_id) not in reported_bank:
                reported_bank.add((fingerprint, org_id))
                self.find(move.meta, f"Payment of {gbp(move.amount)} on {_name(award)} "
                          f"to {org_id} goes to the same bank account ({fingerprint}) "
                          f"as {first_scheme} payments to {first_org}",
                          "grants.duplicate-bank")
        for award, (move, net) in overrun.items():
            if isinstance(move, Correction):
                how = (f"Correction of {gbp(move.amount)} on {_name(award)} brought "
                       f"the award to {gbp(award.amount)}, below net payments of {gbp(net)}")
            else:
                how = (f"Payment of {gbp(move.amount)} on {_name(award)} brought net "
                       f"payments to {gbp(net)}, more than the award of "
                       f"{gbp(award.amount)}")
            self.find(move.meta, f"{how}; {gbp(award.net - award.amount)} is still "
                      f"to recover", "grants.overpaid")

    def org_fingerprint(self, org_id: str | None) -> str | None:
        org = self.context.config.organisations.get(org_id) if org_id else None
        return org.bank_fingerprint if org else None

    def check_subsidy(self, awards: list[Award]) -> None:
        """No beneficiary over a regime's limit within its window.

        An award counts against its scheme's ``regime``; a scheme naming no
        regime (or one the ledger does not declare) counts against every
        regime. Each award counts at what stands after corrections and
        recoveries (``Award.effective``).
        """
        regimes = self.context.config.subsidy_regimes
        if not regimes:
            return
        by_org: dict[str, list[Award]] = defaultdict(list)
        for award in awards:
            if award.org_id:
                by_org[award.org_id].append(award)
        eur_gbp = self.context.settings.eur_gbp
        for regime in regimes.values():
            limit = regime.limit * eur_gbp if regime.currency == "EUR" else regime.limit
            shown = (f"{regime.limit:,} EUR ({gbp(limit)} at {eur_gbp})"
                     if regime.currency == "EUR" else gbp(limit))
            for org_id, every_award in by_org.items():
                org_awards = [a for a in every_award
                              if self.counts_against(a, regime.id, regimes)]
                total, left = ZERO, 0
                for index, award in enumerate(org_awards):
                    total += award.effective
                    start = _window_start(regime, award.date)
                    while left <= index and org_awards[left].date < start:
                        total -= org_awards[left].effective
                        left += 1
                    if _in_force(regime, award.date) and total > limit:
                        self.find(award.meta, f"{_name(award)} of {gbp(award.amount)} "
                                  f"takes {org_id} to {gbp(total)} of grants from "
                                  f"{start} to {award.date}, over the {regime.id} limit "
                                  f"of {shown}", "grants.subsidy-limit")
                        break


    def counts_against(self, award: Award, regime: str,
                       regimes: dict[str, SubsidyRegime]) -> bool:
        named = self.schemes[award.scheme].regime
        return named is None or named not in regimes or named == regime


def _one_business(awards: dict[int, Award]) -> bool:
    """All the awards go to one org-id: a business with several properties."""
    org_ids = {a.org_id for a in awards.values()}
    return len(org_ids) == 1 and None not in org_ids


def _duplicates(schemes: dict[str, SchemeGrants]) -> list[DuplicateGroup]:
    """Groups of two or more awards in a scheme sharing a property, or a
    bank account or company number unless they all go to one org-id."""
    groups: list[DuplicateGroup] = []
    for code, scheme in sorted(schemes.items()):
        shared: dict[tuple[str, str], dict[int, Award]] = defaultdict(dict)
        for award in scheme.awards:
            for key, value in ((md.COMPANY_NUMBER, award.company_number),
                               (md.PROPERTY_REF, award.property_ref),
                               (md.BANK_FINGERPRINT, award.bank_fingerprint)):
                if value:
                    shared[key, value][id(award)] = award
        by_id = {a.award_id: a for a in scheme.awards if a.award_id}
        for payment in scheme.payments:
            award = by_id.get(payment.award_id)
            if award is not None and payment.bank_fingerprint and not payment.recovery:
                shared[md.BANK_FINGERPRINT, payment.bank_fingerprint][id(award)] = award
        order = {id(a): i for i, a in enumerate(scheme.awards)}
        for (key, value), members in sorted(shared.items()):
            if len(members) > 1 and (key == md.PROPERTY_REF or not _one_business(members)):
                in_order = sorted(members.values(), key=lambda a: order[id(a)])
                groups.append(DuplicateGroup(code, key, value, tuple(in_order)))
    return groups


def analyse(entries: list[data.Directive], context: RuleContext) -> GrantsAnalysis:
    """Every scheme's awards and payments, the rules they break, and the
    awards that may be double payments."""
    reader = _Reader(context.config.organisations)
    awards, movements = _read(entries, reader)
    findings = _Checker(context, awards, movements).run()

    schemes: dict[str, SchemeGrants] = {}

    def scheme_of(code: str) -> SchemeGrants:
        if code not in schemes:
            schemes[code] = SchemeGrants(code, context.config.schemes.get(code))
        return schemes[code]

    for award in awards:
        scheme_of(award.scheme).awards.append(award)
    for move in movements:
        if isinstance(move, Correction):
            scheme_of(move.scheme).corrections.append(move)
        else:
            scheme_of(move.scheme).payments.append(move)
    return GrantsAnalysis(schemes, findings, _duplicates(schemes))


def check(entries: list[data.Directive], context: RuleContext) -> tuple[list, list]:
    """Emergency grant awards, payments and recoveries keep to their schemes."""
    result = analyse(entries, context)
    return entries, [error(f.meta, f.message, f.code) for f in result.findings]


plugin = as_plugin(check)
