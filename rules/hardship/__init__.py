"""Payments to people: hardship funds, isolation micro grants, vouchers.

Councils paid residents as well as businesses in 2020, from several funds
at once, and had to show that "recipients were receiving the payment only
once" without publishing their names, addresses or what made them
vulnerable. A scheme declared ``recipients: "individuals"`` pays people;
each payment carries salted references (``person-ref``, ``household-ref``,
``ledger.metadata.person_ref``), never the identifier itself.

- ``hardship.paid-twice``: the same person or household paid again by the
  scheme or one named in its ``once-across``, within ``once-window`` days;
- ``hardship.no-person-ref``: a payment to a person that cannot be checked;
- ``hardship.method``: a ``method`` other than bank, voucher or
  prepaid-card, or one its accounts contradict;
- ``hardship.voucher-unreconciled``: a voucher still held in
  ``Liabilities:Vouchers:<scheme>`` after it lapsed (``expires``, else the
  scheme's ``closes``), or redeemed past its value, or a redemption that
  matches no voucher;
- ``hardship.raw-identifier``: text that looks like a National Insurance
  number or sort code anywhere in the books, or an eight-digit account
  number on a payment to a person.
"""

from __future__ import annotations

from beancount.core import data

from rules.api import RuleContext, as_plugin
from rules.hardship import checks
from rules.hardship.reading import read
from rules.hardship.records import HardshipAnalysis, PersonPayment, SchemePayments, Voucher
from rules.hardship.scan import books_suspects, suspects_in

__plugins__ = ("plugin",)
__all__ = ["HardshipAnalysis", "PersonPayment", "SchemePayments", "Voucher", "analyse",
           "check", "plugin", "prepare_files"]


def analyse(entries: list[data.Directive], context: RuleContext) -> HardshipAnalysis:
    """Every payment to a person, by scheme, and the rules they break."""
    schemes = context.config.schemes
    suspects = context.once(
        "hardship.suspects", lambda: books_suspects(context.options_map.get("include") or []))
    found = read(entries, schemes, context.transactions(entries), suspects)
    twice_findings, twice = checks.paid_twice(found, schemes)
    findings = (checks.no_reference(found) + checks.methods(found) + twice_findings
                + checks.vouchers(found) + checks.raw_identifiers(found))
    return HardshipAnalysis(found.schemes, findings, twice)


def prepare_files(filenames: list[str]) -> None:
    """Read the books' files for raw identifiers ahead of the rule: the
    fast loader calls this while uromyces parses them (``ledger.fast_load``)."""
    for name in filenames:
        try:
            suspects_in(name)
        except OSError:
            continue


def check(entries: list[data.Directive], context: RuleContext) -> tuple[list, list]:
    """Payments to people are made once, by salted reference, and vouchers
    are reconciled."""
    analysis = analyse(entries, context)
    return analysis.annotate(entries), analysis.errors()


plugin = as_plugin(check)
