"""Emergency grants: every award, payment and recovery keeps to its scheme.

Councils paid COVID business grants at speed, with few checks before
payment, and must show a grant panel and the auditors afterwards that each
award matched its scheme's amount and dates, that no property or business
was paid twice, and that no beneficiary went over its subsidy limit.

An award is a transaction with a positive ``Expenses:Grants:<scheme>``
posting, a payment one with a positive ``Liabilities:GrantsPayable:<scheme>``
posting, and a recovery (``recovery: TRUE``) one with a negative
``Expenses:Grants:<scheme>`` posting; the ``^award-<id>`` link joins them.
An award credited straight to the bank or to ``Liabilities:Vouchers`` (a
payment to a person, ``rules.hardship``) is paid at once.
A negative ``Expenses:Grants`` posting without ``recovery: TRUE`` is a
correction: it lowers the award it is linked to (its ``GrantsPayable`` side
is not a payment). An award is judged on what stands once corrections and
recoveries are counted, so a wrong award recovered back to the sum due is
clear, and one recovered in full counts as never made.
Awards sharing a bank account or company number between businesses, in any
schemes, or a property within a scheme, are listed as possible double
payments (``duplicates``) for the grant panel to review.
The rules are read from the schemes, organisations and subsidy regimes the
ledger declares with ``custom`` directives. Books that declare no scheme and
carry no grant metadata are left alone.
"""

from __future__ import annotations

from beancount.core import data

from rules.api import RuleContext, as_plugin
from rules.grants.checks import Checker
from rules.grants.duplicates import duplicate_groups
from rules.grants.reading import read
from rules.grants.records import (
    Award,
    Correction,
    DuplicateGroup,
    GrantPayment,
    GrantsAnalysis,
    SchemeGrants,
)

__plugins__ = ("plugin",)
__all__ = ["Award", "Correction", "DuplicateGroup", "GrantPayment", "GrantsAnalysis",
           "SchemeGrants", "analyse", "check", "plugin"]


def analyse(entries: list[data.Directive], context: RuleContext) -> GrantsAnalysis:
    """Every scheme's awards and payments, the rules they break, and the
    awards that may be double payments."""
    awards, movements = read(context.transactions(entries), context.config.organisations)
    findings = Checker(context, awards, movements).run()

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
    return GrantsAnalysis(schemes, findings, duplicate_groups(schemes))


def check(entries: list[data.Directive], context: RuleContext) -> tuple[list, list]:
    """Emergency grant awards, payments and recoveries keep to their schemes."""
    analysis = analyse(entries, context)
    return analysis.annotate(entries), analysis.errors()


plugin = as_plugin(check)
