"""The PDF reports: one list, read by ``cwl report`` and by the Fava
sections' download buttons. A new report is one model module, one template
and one line here.

Each report names the rule streams it covers (``rules.streams.STREAMS``
keys); its PDF ends with every finding of those streams, at its ledger line
(``reports.models.findings``). Together the reports cover every stream, so
every finding lands in a PDF.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reports.models import (
    balance_sheet,
    claim_pack,
    funding_pots,
    grants_panel,
    pledges,
    relief_pack,
    social_value,
    statement_of_funds,
)
from reports.models.books import ReportBooks
from reports.models.findings import findings_table


@dataclass(frozen=True)
class Report:
    key: str  # the name on the command line and in Fava's URL
    title: str
    filename: str
    model: Callable[[ReportBooks], Any]  # the model module's ``build``
    streams: tuple[str, ...] = ()  # whose findings the report ends with
    # The books it is for (``cwl-settings`` ``kind``): ``cwl report all`` writes these.
    kinds: tuple[str, ...] = ("council",)

    def build(self, books: ReportBooks) -> Any:
        """The report's model, with the findings of its streams."""
        model = self.model(books)
        if not self.streams:
            return model
        model.findings = findings_table(books, self.streams)
        return model


REPORTS = {r.key: r for r in (
    Report("social-value", "Social value report", "social-value.pdf", social_value.build,
           ("social_value", "local_spend")),
    Report("balance-sheet", "Community wealth balance sheet", "balance-sheet.pdf",
           balance_sheet.build, ("payees",)),
    Report("claim", "Claim pack", "claim-pack.pdf", claim_pack.build, ("claims", "hub")),
    Report("grants-panel", "Grants panel report", "grants-panel.pdf", grants_panel.build,
           ("grants", "hardship", "vcse", "takeup")),
    Report("relief", "Supplier relief pack", "relief-pack.pdf", relief_pack.build,
           ("relief",)),
    Report("funding-pots", "Funding pots and the funding gap", "funding-pots.pdf",
           funding_pots.build, ("pots",)),
    Report("pledges", "Community wealth pledges", "pledges.pdf", pledges.build,
           ("pledges",)),
    Report("statement-of-funds", "Statement of funds", "statement-of-funds.pdf",
           statement_of_funds.build, ("funds", "accommodation"), ("community-org",)),
)}


def reports_for(kind: str) -> list[str]:
    """The reports ``cwl report all`` writes for books of ``kind``."""
    return [key for key, report in REPORTS.items() if kind in report.kinds]
