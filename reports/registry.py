"""The PDF reports: one list, read by ``cwl report`` and by the Fava
sections' download buttons. A new report is one model module, one template
and one line here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reports.models import balance_sheet, claim_pack, grants_panel, social_value
from reports.models.books import ReportBooks


@dataclass(frozen=True)
class Report:
    key: str  # the name on the command line and in Fava's URL
    title: str
    filename: str
    build: Callable[[ReportBooks], Any]


REPORTS = {r.key: r for r in (
    Report("social-value", "Social value report", "social-value.pdf", social_value.build),
    Report("balance-sheet", "Community wealth balance sheet", "balance-sheet.pdf",
           balance_sheet.build),
    Report("claim", "Claim pack", "claim-pack.pdf", claim_pack.build),
    Report("grants-panel", "Grants panel report", "grants-panel.pdf", grants_panel.build),
)}
