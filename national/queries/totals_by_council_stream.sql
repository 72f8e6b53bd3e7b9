-- Totals by council and stream: how many transactions each council booked
-- in each stream, what it spent (expense postings) and what it received
-- (income postings, as positive sums).
SELECT
  council_id,
  stream,
  COUNT(DISTINCT transaction_id) AS transactions,
  SUM(CASE WHEN account_root = 'Expenses' THEN amount ELSE 0 END) AS expenses,
  0 - SUM(CASE WHEN account_root = 'Income' THEN amount ELSE 0 END) AS income
FROM postings
GROUP BY council_id, stream
ORDER BY council_id, stream
