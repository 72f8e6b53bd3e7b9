"""Who each transaction pays, as the redactor must read it.

Outputs decide who is a person from the ``cwl-organisation`` an ``org-id``
names and from the ``redacted`` flag. An ``org-id`` that names no declared
organisation (a typo, a supplier never declared) leaves the payee to be
judged by its name alone (unless the transaction is ``redacted``: importers
never declare a person withheld at source), and a ``redacted`` flag spelt some other way
(``"Y"``, ``1``) could be read either way. Both are errors at their line, so
an officer fixes them before anything is published.

Codes: ``ledger.unknown-org``, ``ledger.flag``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from beancount.core import data

from ledger import metadata
from rules.api import Analysis, Finding, RuleContext, as_plugin, finding

__plugins__ = ("plugin",)


@dataclass
class PayeesAnalysis(Analysis):
    """The transactions whose payee the redactor cannot read for sure."""

    findings: list[Finding] = field(default_factory=list)


def analyse(entries: list[data.Directive], context: RuleContext) -> PayeesAnalysis:
    """The transactions carrying an ``org-id`` or a ``redacted`` flag; the
    ``org-id``s looked up in the declarations."""
    declared = context.config.organisations.keys() | context.config.withheld.keys()
    findings: list[Finding] = []
    transactions = context.transactions(entries)
    for entry in transactions.select(keys=(metadata.ORG_ID,)):
        meta = entry.meta  # once: uromyces makes a new one on each access
        org_id = meta.get(metadata.ORG_ID)
        # A person withheld at source is never declared (importers keep only
        # the publisher's id for them): withheld either way.
        if org_id is not None and str(org_id) not in declared \
                and not metadata.withholds(meta.get(metadata.REDACTED)):
            findings.append(finding(
                entry, f'org-id "{org_id}" names no cwl-organisation: declare it, or '
                "correct the id (until then the payee is judged by its name alone)",
                "ledger.unknown-org", str(org_id)))
    for entry in transactions.select(keys=(metadata.REDACTED,)):
        flag = entry.meta.get(metadata.REDACTED)
        if flag is not None and metadata.flag_value(flag) is None:
            findings.append(finding(
                entry, f"redacted: {flag!r} is not a flag; write "
                f"{metadata.flag_spellings()} (until then the payee is withheld)",
                "ledger.flag"))
    return PayeesAnalysis(findings)


def check(entries: list[data.Directive], context: RuleContext) -> tuple[list, list]:
    """Report unknown org-ids and misspelt ``redacted`` flags; entries unchanged."""
    analysis = analyse(entries, context)
    return analysis.annotate(entries), analysis.errors()


plugin = as_plugin(check)
