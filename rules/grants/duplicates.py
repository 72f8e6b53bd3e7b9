"""Possible double payments: the awards a grant panel must review together.

Councils matched bank accounts and company numbers across every scheme they
paid (the same business paid once under SBGF and again under RHLGF is as
much a double payment as two SBGF awards), while one grant per property is
a rule of each scheme. So awards sharing a bank fingerprint or a company
number between two or more org-ids form one group whatever their schemes;
awards sharing a property form a group within their scheme.
"""

from __future__ import annotations

from collections import defaultdict

from ledger import metadata as md
from rules.grants.records import Award, DuplicateGroup, SchemeGrants

# What awards may share: (metadata key, whether groups stay in one scheme).
_SHARED = ((md.COMPANY_NUMBER, False), (md.PROPERTY_REF, True), (md.BANK_FINGERPRINT, False))


def _one_business(awards: dict[int, Award]) -> bool:
    """All the awards go to one org-id: a business with several properties."""
    org_ids = {a.org_id for a in awards.values()}
    return len(org_ids) == 1 and None not in org_ids


def duplicate_groups(schemes: dict[str, SchemeGrants]) -> list[DuplicateGroup]:
    """Groups of two or more awards sharing a property within a scheme, or
    a bank account or company number in any schemes unless they all go to
    one org-id. A payment's own bank fingerprint counts for its award."""
    # (key, value, scheme or "" across schemes) -> awards by id()
    shared: dict[tuple[str, str, str], dict[int, Award]] = defaultdict(dict)
    order: dict[int, int] = {}
    for code, scheme in sorted(schemes.items()):
        for award in scheme.awards:
            order[id(award)] = len(order)
            for key, within in _SHARED:
                value = getattr(award, key.replace("-", "_"))
                if value:
                    shared[key, value, code if within else ""][id(award)] = award
        by_id = {a.award_id: a for a in scheme.awards if a.award_id}
        for payment in scheme.payments:
            award = by_id.get(payment.award_id)
            if award is not None and payment.bank_fingerprint and not payment.recovery:
                shared[md.BANK_FINGERPRINT, payment.bank_fingerprint, ""][id(award)] = award
    groups = []
    for (key, value, _), members in shared.items():
        if len(members) > 1 and (key == md.PROPERTY_REF or not _one_business(members)):
            awards = tuple(sorted(members.values(), key=lambda a: order[id(a)]))
            codes = tuple(sorted({a.scheme for a in awards}))
            groups.append(DuplicateGroup(codes, key, value, awards))
    return sorted(groups, key=lambda g: (g.schemes, g.shared, g.value))
