"""The supplier relief pack: per contract, the relief the council paid under
PPN 02/20 and 04/20, advances against their cap, the open-book
reconciliation against actual cost, the excess owed and recovered, and the
exit the transition plan agreed; what a contract manager checks and signs
off.

Every figure is the supplier relief rule's (``rules.supplier_relief``): its
records per contract (relief paid by type, recoveries, the latest
reconciliation) and the contracts and reconciliations the ledger declares.
A contract is in the pack when relief was paid or recovered on it, or it was
reconciled, in the period; its figures are the contract's to the end of the
ledger, for relief is reconciled and recovered across periods. The rule's
``relief.*`` findings close the pack (``reports.models.findings``), and each
contract's rule codes are marked beside its figures.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ledger.models import Reconciliation
from ledger.redaction import PUBLIC_LABEL
from reports.models.books import ReportBooks
from reports.models.findings import marks, with_marks
from reports.models.header import ReportHeader
from reports.models.tables import ZERO, Column, Figure, Table, money_sum, to_dict
from rules.supplier_relief import ContractRelief

TITLE = "Supplier relief pack"
ADVANCE = "advance"  # the relief type the advance cap applies to
NOT_DECLARED = "(not declared)"


@dataclass
class ReliefPackReport:
    header: ReportHeader
    headline: list[Figure]
    contracts: Table  # relief by contract: supplier, value, types, dates, paid
    advances: Table  # advances against the cap
    reconciliation: Table  # per contract: actual cost, excess, recovered, still owed
    reconciliations: Table  # every cwl-reconciliation of the pack's contracts
    recoveries: Table
    exits: Table  # PPN 04/20: transition plan and exit date
    findings: Table | None = None  # its streams' findings, added by reports.registry

    template = "relief_pack.html"

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)


@dataclass(frozen=True)
class _Contract:
    """One contract's relief as the pack reads it."""

    record: ContractRelief
    supplier: str  # redacted when a person
    title: str
    reconciliations: list[Reconciliation]  # declared, by date

    @property
    def id(self) -> str:
        return self.record.contract_id

    @property
    def excess(self) -> Decimal | None:
        """Relief paid beyond the reconciled actual cost; None until
        reconciled."""
        cost = self.record.actual_cost
        return None if cost is None else max(self.record.paid - cost, ZERO)


def _supplier(books: ReportBooks, record: ContractRelief) -> str:
    """The declared supplier's name, or for an undeclared contract the
    payee of its first relief payment; a person's is never shown."""
    contract = record.contract
    if contract is not None:
        org = books.config.organisations.get(contract.supplier)
        name = org.name if org else contract.supplier
        return PUBLIC_LABEL if books.people.organisation(contract.supplier, name) else name
    moves = record.payments or record.recoveries
    txn = books.session.transaction_at(moves[0].meta) if moves else None
    if txn is None:
        return ""
    return PUBLIC_LABEL if books.people.transaction(txn) else books.people.scrub(txn.payee or "")


def _in_period(books: ReportBooks, record: ContractRelief,
               reconciled: list[Reconciliation]) -> bool:
    days = [m.date for m in (*record.payments, *record.recoveries)]
    days += [r.date for r in reconciled]
    return any(day in books.period for day in days)


def _contracts(books: ReportBooks) -> list[_Contract]:
    """The contracts with relief paid, recovered or reconciled in the period."""
    reconciled: dict[str, list[Reconciliation]] = {}
    for rec in sorted(books.config.reconciliations, key=lambda r: r.date):
        reconciled.setdefault(rec.id, []).append(rec)
    found = []
    for contract_id, record in sorted(books.relief.contracts.items()):
        recs = reconciled.get(contract_id, [])
        if not _in_period(books, record, recs):
            continue
        title = books.session.text(record.contract.title) if record.contract else NOT_DECLARED
        found.append(_Contract(record, _supplier(books, record), title, recs))
    return found


def _relief_table(books: ReportBooks, contracts: list[_Contract]) -> Table:
    rows = []
    for c in contracts:
        record = c.record
        rows.append({
            "contract": c.id, "supplier": c.supplier, "title": c.title,
            "value": record.contract.value if record.contract else None,
            "types": books.people.scrub(", ".join(sorted(record.paid_by_type))),
            "in_period": money_sum(p.amount for p in record.payments if p.date in books.period),
            "paid": record.paid})
    table = Table(
        "Relief by contract",
        [Column("contract", "Contract"), Column("supplier", "Supplier"),
         Column("title", "Title"), Column("value", "Contract value", "money"),
         Column("types", "Relief types"), Column("in_period", "Paid in period", "money"),
         Column("paid", "Paid to date", "money")],
        rows, {"contract": "Total", **{k: money_sum(r[k] for r in rows)
                                       for k in ("in_period", "paid")}},
        note="Relief types as the ledger's relief-type metadata gives them (advance, interim, "
             "forward-order, payment-on-order, on-account).",
        empty="No supplier relief was paid, recovered or reconciled in the period.")
    return with_marks(table, marks(books.relief.findings), lambda r: r["contract"])


def _advances(books: ReportBooks, contracts: list[_Contract]) -> Table:
    """Advances against ``advance-cap-share`` × contract value, as the rule
    caps them."""
    share = books.context.settings.advance_cap_share
    rows = []
    for c in contracts:
        value = c.record.contract.value if c.record.contract else None
        cap = share * value if value is not None else None
        advanced = c.record.paid_by_type.get(ADVANCE, ZERO)
        rows.append({"contract": c.id, "value": value, "cap": cap, "advanced": advanced,
                     "headroom": cap - advanced if cap is not None else None,
                     "status": ("contract not declared" if cap is None
                                else "over the cap" if advanced > cap
                                else "within the cap" if advanced else "no advance")})
    return Table(
        "Advance payments against the cap",
        [Column("contract", "Contract"), Column("value", "Contract value", "money"),
         Column("cap", f"Cap ({share:.0%} of value)", "money"),
         Column("advanced", "Advances paid", "money"),
         Column("headroom", "Left under the cap", "money"), Column("status", "Status")],
        rows, note=f"The cap is advance-cap-share ({share}) × the contract's value, from "
                   "cwl-settings or the plugin's configuration; only relief-type advance "
                   "counts against it.",
        empty="No contract in the pack.")


def _reconciliation(books: ReportBooks, contracts: list[_Contract]) -> Table:
    rows = []
    for c in contracts:
        record, contract = c.record, c.record.contract
        rec = record.reconciliation
        rows.append({
            "contract": c.id, "due": contract.reconcile_by if contract else None,
            "on": rec.date if rec else None, "cost": record.actual_cost,
            "paid": record.paid, "excess": c.excess, "recovered": record.recovered,
            "owed": record.outstanding,
            "status": ("not reconciled" if rec is None
                       else "excess still owed" if record.outstanding else "settled")})
    return Table(
        "Open-book reconciliation and recovery",
        [Column("contract", "Contract"), Column("due", "Reconcile by", "date"),
         Column("on", "Reconciled on", "date"), Column("cost", "Actual cost", "money"),
         Column("paid", "Relief paid", "money"), Column("excess", "Excess owed", "money"),
         Column("recovered", "Recovered", "money"), Column("owed", "Still owed", "money"),
         Column("status", "Status")],
        rows, {"contract": "Total", **{k: money_sum(r[k] or ZERO for r in rows)
                                       for k in ("paid", "excess", "recovered", "owed")}},
        note="Actual cost is the latest cwl-reconciliation's. Excess owed: relief paid "
             "beyond actual cost; still owed: the excess less what was recovered. Both "
             "show – until the contract is reconciled.",
        empty="No contract in the pack.")


def _reconciliations(books: ReportBooks, contracts: list[_Contract]) -> Table:
    rows = []
    for c in contracts:
        for rec, later in zip(c.reconciliations, [*c.reconciliations[1:], None]):
            latest = later is None
            rows.append({"contract": c.id, "date": rec.date, "cost": rec.actual_cost,
                         "paid": c.record.paid if latest else None,
                         "excess": c.excess if latest else None,
                         "superseded": later.date if later else None,
                         "at": books.where(rec.meta)})
    return Table(
        "Reconciliations declared",
        [Column("contract", "Contract"), Column("date", "Date", "date"),
         Column("cost", "Actual cost", "money"), Column("paid", "Relief paid", "money"),
         Column("excess", "Excess over actual cost", "money"),
         Column("superseded", "Superseded by", "date"), Column("at", "Ledger line")],
        rows, note="Each open-book reconciliation (cwl-reconciliation) of the contracts "
                   "above; the latest one counts.",
        empty="No contract in the pack has been reconciled.")


def _recoveries(books: ReportBooks, contracts: list[_Contract]) -> Table:
    rows = sorted(({"date": m.date, "contract": c.id, "amount": m.amount,
                    "at": books.where(m.meta)}
                   for c in contracts for m in c.record.recoveries),
                  key=lambda r: (r["date"], r["contract"]))
    return Table(
        "Overpayments recovered",
        [Column("date", "Date", "date"), Column("contract", "Contract"),
         Column("amount", "Recovered", "money"), Column("at", "Ledger line")],
        rows, {"date": "Total", "amount": money_sum(r["amount"] for r in rows)} if rows
        else None,
        note="Transactions marked recovery: TRUE on the contract's ^contract- link or "
             "contract: metadata, to the end of the ledger.",
        empty="Nothing was recovered on these contracts.")


def _exits(books: ReportBooks, contracts: list[_Contract]) -> Table:
    settings = books.context.settings
    rows = []
    for c in contracts:
        contract = c.record.contract
        furlough = ""
        if contract and (contract.furlough_from or contract.furlough_to):
            furlough = f"{_short(contract.furlough_from)} to {_short(contract.furlough_to)}"
        days = [p.date for p in c.record.payments]
        rows.append({
            "contract": c.id,
            "first": min(days, default=None), "last": max(days, default=None),
            "plan": ("Yes" if contract.transition_plan else "No") if contract else "",
            "exit": contract.exit_date if contract else None,
            "late": money_sum(p.amount for p in c.record.payments
                              if p.date > settings.ppn0220_end),
            "past_exit": "Yes" if c.record.past_exit else "No",
            "furlough": furlough})
    return Table(
        "Transition and exit (PPN 04/20)",
        [Column("contract", "Contract"), Column("first", "First relief", "date"),
         Column("last", "Last relief", "date"), Column("plan", "Transition plan"),
         Column("exit", "Exit date", "date"),
         Column("late", f"Relief after {_day(settings.ppn0220_end)}", "money"),
         Column("past_exit", "Paid past exit"),
         Column("furlough", "Supplier claimed furlough (CJRS)")],
        rows, note=f"PPN 04/20 relief (after {_day(settings.ppn0220_end)}) needs an agreed "
                   f"transition plan with an exit date no later than "
                   f"{_day(settings.ppn0420_end)}; no relief while the supplier claimed the "
                   "Job Retention Scheme for the contract's staff.",
        empty="No contract in the pack.")


def _day(day: datetime.date) -> str:
    return f"{day:%-d %B %Y}"


def _short(day: datetime.date | None) -> str:
    return f"{day:%-d %b %Y}" if day else "…"


def build(books: ReportBooks) -> ReliefPackReport:
    """The supplier relief pack for the contracts with relief in ``books.period``."""
    contracts = _contracts(books)
    reconciliation = _reconciliation(books, contracts)
    sums = reconciliation.totals or {}
    headline = [
        Figure("Contracts with relief", len(contracts), "count"),
        Figure("Relief paid to date", sums.get("paid", ZERO),
               source="on these contracts, to the end of the ledger"),
        Figure("Relief paid in the period",
               money_sum(p.amount for c in contracts for p in c.record.payments
                         if p.date in books.period)),
        Figure("Excess owed", sums.get("excess", ZERO),
               source="relief beyond the reconciled actual cost"),
        Figure("Recovered", sums.get("recovered", ZERO)),
        Figure("Still owed", sums.get("owed", ZERO),
               source="excess owed less recovered"),
    ]
    return ReliefPackReport(
        books.header(TITLE), headline, _relief_table(books, contracts),
        _advances(books, contracts), reconciliation, _reconciliations(books, contracts),
        _recoveries(books, contracts), _exits(books, contracts))
