"""The progress bar counts data rows exactly, whatever line breaks a
quoted field holds."""

from __future__ import annotations

from importers.expense_mapping import ExpenseMapping
from importers.transparency_spend import TransparencySpendImporter


def test_progress_counts_records_not_lines(tmp_path):
    rows = [f'01/06/2020,T{n},"Acme\nLtd",600.00,Stationery' for n in range(1200)]
    path = tmp_path / "spend.csv"
    path.write_text("Date,Transaction Number,Supplier Name,Amount,Expense Type\n"
                    + "\n".join(rows) + "\n", encoding="utf-8")
    seen = []
    result = TransparencySpendImporter(ExpenseMapping.load()).parse(
        str(path), progress=lambda done, total: seen.append((done, total)))
    assert result.read == 1200
    assert {total for _, total in seen} == {1200}  # 2,401 lines, 1,200 rows
    assert seen[-1] == (1200, 1200)
    assert [done for done, _ in seen[:-1]] == [500, 1000]
