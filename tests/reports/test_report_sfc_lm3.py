"""The claim pack's SFC lines as the return asks for them (gross loss,
savings, relevant loss, the 5% deductible, 75% compensation), and the social
value report's LM3 from a supplier survey of the period, or from the
declared shares, saying which. Read from the PDFs' text."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

from report_helpers import Rendered, pdf_text, squeeze

from ledger import accounts
from reports.models import claim_pack, social_value
from reports.models.books import ReportBooks
from reports.pdf.renderer import render_pdf
from rules.session import Session

PRODUCED = datetime.date(2025, 1, 1)

SFC = '''option "title" "Survey Council"
option "operating_currency" "GBP"
plugin "rules.all"

2020-01-01 custom "cwl-settings" "GB-LAE-SRV"
  name: "Survey Council"

2020-04-01 open Assets:Bank:Current GBP
2020-04-01 open Assets:Receivable:Claims GBP
2020-04-01 open Income:Government:Covid:SFC GBP

2020-04-01 custom "cwl-income-line" "Leisure"
  account: "Income:FeesCharges:Leisure"
  budget: 1000000.00 GBP

2020-04-01 custom "cwl-income-line" "Parking"
  account: "Income:FeesCharges:Parking"
  budget: 2000000.00 GBP

2020-04-01 custom "cwl-claim-period" "SFC-P1"
  scheme: "sfc"
  start: 2020-04-01
  end: 2020-07-31

2020-09-30 * "MHCLG" "SFC claim, first collection" ^claim-SFC-P1
  Assets:Receivable:Claims          397500.00 GBP
  Income:Government:Covid:SFC       -22500.00 GBP
    income-line: "Leisure"
    gross-loss: 100000.00
    savings: 20000.00
  Income:Government:Covid:SFC      -375000.00 GBP
    income-line: "Parking"
    relevant-loss: 600000.00
'''


def _books(folder: Path, text: str, start: datetime.date | None = None,
           end: datetime.date | None = None) -> ReportBooks:
    path = folder / "main.beancount"
    path.write_text(text, encoding="utf-8")
    session = Session.load(str(path))
    assert session.errors == []
    return ReportBooks.of(session, PRODUCED, start, end)


def _text(books: ReportBooks, build) -> str:
    return pdf_text(render_pdf(build(books)))


def test_claim_pack_shows_the_returns_figures_for_a_line(tmp_path: Path) -> None:
    text = squeeze(_text(_books(tmp_path, SFC), claim_pack.build))
    for label in ("Gross loss", "Savings", "Relevant loss", "Deductible (5%)",
                  "Compensation (75%)", "Due", "Claimed"):
        assert squeeze(label) in text, label
    # Leisure: gross 100,000 − savings 20,000 = relevant 80,000 (also the loss
    # to date); deductible 5% × 1,000,000 = 50,000; 0.75 × (80,000 − 50,000)
    # = 22,500 compensation, due and claimed.
    assert squeeze("SFC-P1 Leisure £100,000.00 £20,000.00 £80,000.00 £80,000.00 "
                   "£50,000.00 £22,500.00 £22,500.00 £22,500.00") in text
    # Parking wrote relevant-loss alone: its gross and savings are not
    # known, shown as dashes, and its figures are worked out as before.
    assert squeeze("SFC-P1 Parking – – £600,000.00 £600,000.00 £100,000.00 "
                   "£375,000.00 £375,000.00 £375,000.00") in text


SPEND = '''option "title" "Survey Council"
option "operating_currency" "GBP"
plugin "rules.all"

2020-01-01 custom "cwl-settings" "GB-LAE-SRV"
  name: "Survey Council"

2020-01-01 custom "cwl-area" "Surveyton"
  own: "DM1 DM2"
  region: "DM5"

2020-01-01 custom "cwl-organisation" "GB-COH-00000001"
  name: "Riverside Joinery Ltd"
  postcode: "DM1 4QT"

2020-01-01 custom "cwl-organisation" "GB-COH-00000002"
  name: "Faraway Supplies Ltd"
  postcode: "SW1A 1AA"

2020-01-01 open Assets:Bank:Current GBP
2020-01-01 open Expenses:Services:Property GBP

2020-06-03 * "Riverside Joinery Ltd" "Depot repairs"
  org-id: "GB-COH-00000001"
  Expenses:Services:Property        30000.00 GBP
  Assets:Bank:Current

2020-07-03 * "Faraway Supplies Ltd" "Paper"
  org-id: "GB-COH-00000002"
  Expenses:Services:Property        20000.00 GBP
  Assets:Bank:Current
'''

SURVEY = '''
2021-03-31 custom "cwl-lm3-survey" "FY2020"
  start: 2020-04-01
  end: 2021-03-31
  round2: 9000.00 GBP
  round3: 2500.00 GBP
  respondents: 37
'''

HALF_YEAR_SURVEY = '''
2020-10-15 custom "cwl-lm3-survey" "H1-2020"
  start: 2020-04-01
  end: 2020-09-30
  round2: 8000.00 GBP
  round3: 1000.00 GBP
'''


def test_lm3_from_the_declared_shares_says_they_are_assumed(tmp_path: Path) -> None:
    text = squeeze(_text(_books(tmp_path, SPEND), social_value.build))
    # Round 1 £50,000, £30,000 of it in the own area: round 2 = 40% × 30,000
    # = 12,000, round 3 = 25% × 12,000 = 3,000; LM3 = 65,000 / 50,000.
    assert squeeze("Round 2 £12,000.00") in text
    assert squeeze("Round 3 £3,000.00") in text
    assert squeeze("Local Multiplier 3 1.30") in text
    assert squeeze("Rounds 2 and 3 are not measured: they are assumed shares") in text
    assert "survey" not in text


def test_lm3_uses_the_survey_of_the_reports_period(tmp_path: Path) -> None:
    text = squeeze(_text(_books(tmp_path, SPEND + SURVEY), social_value.build))
    # Measured: LM3 = (50,000 + 9,000 + 2,500) / 50,000 = 1.23.
    assert squeeze("Round 2 £9,000.00") in text
    assert squeeze("Round 3 £2,500.00") in text
    assert squeeze("Local Multiplier 3 1.23") in text
    line = SPEND.count("\n") + 2  # the survey's line, after the spend
    assert squeeze("Rounds 2 and 3 measured by the FY2020 supplier survey (37 respondents), "
                   f"declared with cwl-lm3-survey at main.beancount:{line}.") in text
    assert squeeze("assumed shares") not in text


def test_a_survey_of_another_period_is_not_used(tmp_path: Path) -> None:
    books = _books(tmp_path, SPEND + HALF_YEAR_SURVEY)
    text = squeeze(_text(books, social_value.build))
    assert squeeze("Local Multiplier 3 1.30") in text  # the shares, as without it
    assert squeeze("they are assumed shares") in text
    assert squeeze("The H1-2020 supplier survey covers 1 April 2020 to 30 September "
                   "2020, not this period.") in text
    # Reported over the survey's own half year, it is the one used:
    # (50,000 + 8,000 + 1,000) / 50,000 = 1.18.
    half = _books(tmp_path, SPEND + HALF_YEAR_SURVEY, datetime.date(2020, 4, 1),
                  datetime.date(2020, 9, 30))
    text = squeeze(_text(half, social_value.build))
    assert squeeze("Local Multiplier 3 1.18") in text
    assert squeeze("Rounds 2 and 3 measured by the H1-2020 supplier survey, declared "
                   "with cwl-lm3-survey at main.beancount:") in text


def test_demo_claim_pack_shows_its_gross_loss_and_savings(rendered: Rendered) -> None:
    """The demo writes gross-loss and savings on its SFC lines: their totals
    (the excluded Rents line aside) are the table's, read from the books."""
    gross = savings = Decimal(0)
    for entry in rendered.ledger.entries:
        for posting in getattr(entry, "postings", ()):
            meta = posting.meta or {}
            if (posting.account == accounts.SFC_COMPENSATION
                    and meta.get("income-line") != "Rents"):
                gross += meta["gross-loss"]
                savings += meta["savings"]
    assert gross > savings > 0
    text = squeeze(rendered.texts["claim"])
    assert squeeze(f"Total £{gross:,.2f} £{savings:,.2f} £{gross - savings:,.2f}") in text
