"""Local Government Transparency Code spend CSVs: one payment per row.

Councils publish every payment over £500 with their own column names,
encodings and report preambles. Each row becomes a transaction from
``Assets:Bank:Current`` to the expense account its expense type maps to
(``importers/expense_types.csv``, or the user's own file). Suppliers whose
name says they were redacted (by ``ledger.redaction``'s rule, the one every
published output applies) become one anonymous payee per row, never merged
and never named, because they are usually individuals.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from beancount.core import data
from beancount.core.amount import Amount

from importers.csv_importer import CSVImporter, Fields
from importers.csv_table import TOTALS_LINE, Column, Table
from importers.expense_mapping import ExpenseMapping
from importers.provenance import SourceIds
from importers.results import ImportResult
from importers.run_together import split_run_together
from importers.values import parse_pennies
from ledger import accounts, metadata
from ledger.redaction import is_redacted_name

CURRENCY = "GBP"


class TransparencySpendImporter(CSVImporter):
    """Transparency Code spend: date, supplier, amount, expense type..."""

    kind = "spend"
    columns = {
        "date": Column("Date", "Payment Date", "Date Paid", "Paid Date", "Transaction Date",
                       "Invoice Date", "Invoice Creation Date", "Posting Date",
                       "Effective Date", "Date of Payment", required=True),
        "supplier": Column("Supplier Name", "Supplier", "Payee", "Payee Name", "Vendor Name",
                           "Vendor", "Merchant Name", "Creditor Name", "Beneficiary",
                           required=True),
        "amount": Column("Amount", "Net Amount", "Invoice Nett Amount", "Nett Amount",
                         "Amount Paid", "Amount (£)", "Amount Excl VAT", "Net Value",
                         "Value", "Gross Amount", "Line Amount", "Total", required=True),
        "expense_type": Column("Expense Type", "Subj Description", "Subjective Description",
                               "Expenditure Type", "Expense Description", "Expenses Type",
                               "Account Description", "Service Expense Type", "Category",
                               "Purpose"),
        # Read only to map the expense type (importers/expense_groups.csv).
        "expense_code": Column("Expense Code", "Expense Type Code", "Expenditure Code",
                               "Subjective Code", "Subj Code", "Account Code", "Nominal Code"),
        "expense_area": Column("Expense Area", "Department", "Service Area", "Directorate",
                               "Service", "Service Division", "Cost Centre Description"),
        "transaction_number": Column("Transaction Number", "Transaction No", "Transaction ID",
                                     "Transaction Reference", "Trans No", "Payment Reference",
                                     "Document Number", "Reference"),
        "invoice_number": Column("Invoice Number", "Invoice No", "Invoice Ref",
                                 "Invoice Reference"),
        "vat_number": Column("Vat Reg No", "VAT Registration Number", "VAT Number",
                             "Supplier VAT Number", "VAT Reg Number"),
        "supplier_id": Column("Supplier ID", "Supplier Number", "Supplier Code", "Vendor ID",
                              "Creditor Number", "Supplier Ref"),
        "creditor_type": Column("Creditor Type", "Supplier Type", "Vendor Type",
                                "Type of Supplier"),
        "body": Column("Body Name", "Name of Body", "Organisation Name", "Body", "Council"),
    }
    # 360Giving grant files also have a date and an amount; leave them alone.
    foreign = ("Amount Awarded", "Recipient Org:Identifier")
    # A report's "Total" line is checked against the sum of the payments above it.
    checks_totals = True

    def __init__(self, mapping: ExpenseMapping | None = None) -> None:
        self.mapping = mapping or ExpenseMapping.load()
        self._date_col: int | None = None
        self._amount_col: int | None = None

    def start(self, table: Table, existing: data.Entries) -> None:
        self._date_col = table.index.get("date")
        self._amount_col = table.index.get("amount")

    def repair(self, cells: list[str], table: Table, width: int) -> list[str] | str:
        return split_run_together(cells, width, self._date_col, self._amount_col, self.window)

    def convert(self, fields: Fields, ids: SourceIds, cells: list[str],
                meta: data.Meta, result: ImportResult) -> list[data.Directive]:
        supplier = fields["supplier"]
        if not supplier:
            if not fields["date"] and any(c.casefold().startswith("total") for c in cells):
                raise ValueError(TOTALS_LINE)
            raise ValueError("missing supplier name")
        date = self.booking_date(fields)
        amount = parse_pennies(fields["amount"])
        return [self.payment(fields, ids, cells, meta, result, supplier, date, amount)]

    # What a period summary (``importers.period_files``) books differently.

    def booking_date(self, fields: Fields) -> datetime.date:
        """The date the row is booked on: its own."""
        return self.window.entry_date(fields["date"])

    def reference(self, fields: Fields, redacted: bool) -> str:
        """The publisher's reference for the row's ``source-id``, if any.
        An invoice number on a redacted row can carry the person's name."""
        return fields["transaction_number"] or ("" if redacted else fields["invoice_number"])

    def describe(self, meta: data.Meta) -> None:
        """Metadata every row of the file carries, after its ``source-id``."""

    def narration(self, fields: Fields) -> str:
        return fields["expense_type"] or fields["expense_area"]

    def payment(self, fields: Fields, ids: SourceIds, cells: list[str], meta: data.Meta,
                result: ImportResult, supplier: str, date: datetime.date,
                amount: Decimal) -> data.Transaction:
        """The transaction for one payment (or total) to ``supplier``."""
        redacted = is_redacted_name(supplier)
        source_id = ids.make(self.reference(fields, redacted), cells)
        meta[metadata.SOURCE_ID] = source_id
        self.describe(meta)
        for key, name in ((metadata.TRANSACTION_NUMBER, "transaction_number"),
                          (metadata.CREDITOR_TYPE, "creditor_type"),
                          (metadata.EXPENSE_AREA, "expense_area"),
                          (metadata.EXPENSE_TYPE, "expense_type"), (metadata.BODY, "body")):
            if fields[name]:
                meta[key] = fields[name]
        if redacted:
            meta[metadata.REDACTED] = True
            payee = f"Redacted payee {source_id}"
        else:
            payee = supplier
            for key, name in ((metadata.INVOICE_NUMBER, "invoice_number"),
                              (metadata.SUPPLIER_ID, "supplier_id"),
                              (metadata.VAT_NUMBER, "vat_number")):
                if fields[name]:
                    meta[key] = fields[name]
        if amount < 0:
            meta[metadata.CREDIT_NOTE] = True
        expense_type = fields["expense_type"]
        account = self.mapping.account(expense_type, fields["expense_code"])
        if account is None:
            account = accounts.SUSPENSE
            result.unmapped[expense_type or "(no expense type)"] += 1
        postings = [
            data.Posting(account, Amount(amount, CURRENCY), None, None, None, None),
            data.Posting(accounts.CURRENT_ACCOUNT, Amount(-amount, CURRENCY),
                         None, None, None, None),
        ]
        return data.Transaction(meta, date, "*", payee, self.narration(fields),
                                data.EMPTY_SET, data.EMPTY_SET, postings)
