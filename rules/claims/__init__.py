"""Check the council's claims to government for COVID lost income and costs.

Sales, fees and charges (SFC) income loss scheme: the council absorbs losses
up to 5% of an income line's budget and government pays 75p per £1 of
relevant loss above that, cumulatively over the year. A claim is a
transaction linked ``^claim-<period>`` whose ``Income:Government:Covid:SFC``
postings each name an ``income-line`` and that period's loss as the return
asks for it, ``gross-loss`` and ``savings`` (relevant loss = gross −
savings), or as ``relevant-loss`` alone (see ``rules.claims.losses``).
For each line the plugin works out what is due this period::

    rate × max(0, loss to date − deductible × budget) − claimed earlier

(the year runs from 1 April) and reports a claim that asks for more or
less, a line whose gross loss less savings is not its relevant loss, a
claim for an excluded kind of income (investment, rents, ...), one
naming an income line or claim period the ledger does not declare, or a
relevant loss above what the line fell short by: its budget share for the
period less the income posted to it (``rules.claims.shortfall``).

Expenditure: only tasks government asked for are reimbursed, and a cost
already met by a ring-fenced grant cannot also be claimed. A cost is a
transaction with a positive ``Expenses:Covid:<category>`` posting; one
carrying ``claim:`` must also carry ``gov-requested: TRUE`` and no ``fund:``,
and its ``claim:`` must name a declared expenditure claim period that its
date falls in. A refund or credit note (a negative ``Expenses:Covid``
posting) nets against the costs under the flags of its own metadata, so it
is tagged with the same ``claim:``, ``gov-requested:`` and ``fund:`` as the
cost it reduces.

Receipts: an ``Assets:Receivable:Claims`` posting in a transaction with no
bank posting is part of the claim, whatever its sign: when a later period's
loss to date is revised down, the period's due is negative and the council
owes government money back. One beside a bank posting is a receipt (money
in) or a repayment (money out). Net receipts must clear the net amount
claimed; a claim not yet received (or not yet repaid) is simply outstanding.

The rule is active only when the ledger declares a ``cwl-income-line`` or a
``cwl-claim-period``.

    plugin "rules.claims"
"""

from __future__ import annotations

from beancount.core import data

from rules.api import Finding, RuleContext, as_plugin, finding, gbp
from rules.claims.reading import collect
from rules.claims.records import (
    EXCLUSION_REASONS,
    ZERO,
    ClaimsAnalysis,
    ClaimStatus,
    ExcludedLine,
    LineClaim,
    Pressure,
)
from rules.claims.sfc import sfc_lines
from rules.claims.shortfall import shortfall_findings

__plugins__ = ("plugin",)
__all__ = ["ClaimStatus", "ClaimsAnalysis", "ExcludedLine", "LineClaim", "Pressure",
           "analyse", "check", "plugin"]


def analyse(entries: list[data.Directive], context: RuleContext) -> ClaimsAnalysis:
    """The claims position of the books, with every problem found."""
    problems: list[Finding] = []
    config = context.config
    if not config.income_lines and not config.claim_periods:
        return ClaimsAnalysis([], [], [], [], ZERO, problems)
    seen = collect(entries, context, problems)
    lines = sfc_lines(seen, context, problems)
    problems.extend(shortfall_findings(entries, lines, seen, context))

    claims = []
    for claim in sorted(set(seen.raised) | set(seen.received) | set(seen.costs_claimed)):
        raised, received = seen.raised[claim], seen.received[claim]
        period = config.claim_periods.get(claim)
        claims.append(ClaimStatus(
            claim, period.scheme if period else None, raised, received,
            seen.costs_claimed[claim]))
        if claim in seen.last_receipt and received != raised:
            problems.append(finding(
                seen.last_receipt[claim],
                f"Receipts for claim {claim} total {gbp(received)} but "
                f"{gbp(raised)} was claimed (difference {gbp(raised - received)})",
                "claims.receipt-mismatch", claim))

    excluded = [
        ExcludedLine(line.id, line.income_type, EXCLUSION_REASONS[line.income_type],
                     seen.excluded_claimed[line.id])
        for line in config.income_lines.values() if line.excluded
    ]
    pressures = sorted(seen.pressures.values(),
                       key=lambda p: (p.category, not p.gov_requested))
    return ClaimsAnalysis(lines, pressures, claims, excluded, seen.tranche, problems)


def check(entries: list[data.Directive], context: RuleContext) -> tuple[list, list]:
    """Report SFC, expenditure and receipt problems; entries are unchanged."""
    analysis = analyse(entries, context)
    return analysis.annotate(entries), analysis.errors()


plugin = as_plugin(check)
