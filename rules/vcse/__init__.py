"""Voluntary groups' funding agreements and relief requests.

Councils funded voluntary, community and social enterprise (VCSE) groups
by one-off grants and by funding agreements paid in instalments, varied
the agreements as delivery changed ("giving assurance of payments despite
changes in delivery"), and took requests for relief from groups, some of
whom "still have not heard if they will receive payment". The books
declare each agreement (``cwl-agreement``: recipient, value, term,
instalment schedule), its dated variations (``cwl-variation``) and each
request (``cwl-relief-request``); payments carry the ``^agreement-<id>``
link, and what leaves the bank on it is what was paid.

- ``vcse.instalment-missed``: an instalment not paid by its due date plus
  the agreement's ``grace`` (else the settings' ``instalment-grace``, 14
  days), once that has passed by the books' last date; one finding per
  agreement, at its declaration. Instalments after the end as varied, or
  after a variation whose delivery changed without payment assured, are no
  longer owed;
- ``vcse.paid-after-end``: a payment after the agreement's end, as varied
  by the variations dated by then;
- ``vcse.request-undecided``: a relief request still undecided more than
  the settings' ``decide-within`` days (28) after it was received, as at
  the books' last date;
- ``vcse.unknown-agreement``: a payment or variation for an agreement the
  ledger does not declare.
"""

from __future__ import annotations

from beancount.core import data

from rules.api import RuleContext, as_plugin
from rules.vcse import checks
from rules.vcse.reading import read
from rules.vcse.records import AgreementBook, AgreementPayment, RequestStatus, VcseAnalysis

__plugins__ = ("plugin",)
__all__ = ["AgreementBook", "AgreementPayment", "RequestStatus", "VcseAnalysis", "analyse",
           "check", "plugin"]


def analyse(entries: list[data.Directive], context: RuleContext) -> VcseAnalysis:
    """Every agreement with its payments and instalments, every relief
    request, and the rules they break."""
    payments, as_of = read(context.transactions(entries))
    config, settings = context.config, context.settings
    books, agreement_findings = checks.agreements(config, settings, payments, as_of)
    statuses, request_findings = checks.requests(config, settings, as_of)
    return VcseAnalysis(books, statuses, agreement_findings + request_findings, as_of)


def check(entries: list[data.Directive], context: RuleContext) -> tuple[list, list]:
    """Funding agreements are paid on schedule and within their term, and
    relief requests are decided."""
    analysis = analyse(entries, context)
    return analysis.annotate(entries), analysis.errors()


plugin = as_plugin(check)
