-- COVID cost pressures by category (Expenses:Covid:<category>), and what
-- government paid against them (Income:Government:Covid:<line>), by council;
-- how much of each pressure was a task government asked for.
WITH lines AS (
  SELECT
    council_id,
    CASE WHEN account_root = 'Expenses' THEN 'pressure' ELSE 'government funding' END AS kind,
    CASE WHEN account_root = 'Expenses' THEN split_part(account, ':', 3)
         ELSE split_part(account, ':', 4) END AS category,
    CASE WHEN account_root = 'Income' THEN 0 - amount ELSE amount END AS amount,
    CASE WHEN gov_requested THEN amount ELSE 0 END AS requested
  FROM postings
  WHERE account LIKE 'Expenses:Covid:%' OR account LIKE 'Income:Government:Covid:%'
)
SELECT council_id, kind, category, COUNT(*) AS postings, SUM(amount) AS amount,
       SUM(requested) AS gov_requested
FROM lines
GROUP BY council_id, kind, category
ORDER BY council_id, kind, category
