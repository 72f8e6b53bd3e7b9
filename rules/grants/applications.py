"""How an award came about: the application behind it, the type of
funding, and who was paid for a group with no legal form of its own.

Voluntary groups were funded by one-off grants open to any group, by
funding agreements and by contracts, and councils were judged on speed
("paid out within three days of application"). Mutual aid groups are not
incorporated: the money goes to an accountable body that hosts them.

- ``grants.slow-payment``: an award first paid more than its scheme's
  ``pay-within`` days after its ``applied`` date;
- ``grants.funding-type``: a ``funding-type`` other than those of
  ``ledger.metadata.FUNDING_TYPES``;
- ``grants.unincorporated-no-host``: an award to an organisation declared
  ``unincorporated: TRUE`` with no ``host`` (on the award or the
  organisation) naming a declared organisation that is not itself
  unincorporated.
"""

from __future__ import annotations

from collections.abc import Iterable

from ledger import metadata as md
from rules.api import Finding, RuleContext, finding, gbp
from rules.grants.records import Award


def check(awards: Iterable[Award], context: RuleContext) -> list[Finding]:
    """The three rules, on the awards in declared schemes, once their
    payments are counted (so ``first_paid`` is known)."""
    found: list[Finding] = []
    schemes, organisations = context.config.schemes, context.config.organisations
    for award in awards:
        scheme = schemes[award.scheme]
        if award.funding_type is not None and award.funding_type not in md.FUNDING_TYPES:
            found.append(finding(award.meta, f"{award.name} has funding-type "
                                 f"'{award.funding_type}', which is none of "
                                 f"{', '.join(md.FUNDING_TYPES)}", "grants.funding-type",
                                 award.award_id))
        if scheme.pay_within and award.applied and award.first_paid:
            days = (award.first_paid - award.applied).days
            if days > scheme.pay_within:
                found.append(finding(award.meta, f"{award.name} of {gbp(award.amount)} "
                                     f"was applied for on {award.applied} and first paid "
                                     f"on {award.first_paid}, {days} days later; "
                                     f"{scheme.id} pays within {scheme.pay_within} days",
                                     "grants.slow-payment", award.award_id))
        org = organisations.get(award.org_id) if award.org_id else None
        if org is not None and org.unincorporated and not award.void:
            host = organisations.get(award.host) if award.host else None
            if host is None or host.unincorporated:
                why = ("names no host" if award.host is None else
                       f"names host '{award.host}', which is "
                       + ("itself unincorporated" if host else "not a declared organisation"))
                found.append(finding(award.meta, f"{award.name} of {gbp(award.amount)} "
                                     f"goes to {award.org_id}, an unincorporated group, and "
                                     f"{why}: it must be paid through an accountable body",
                                     "grants.unincorporated-no-host", award.award_id))
    return found
