-- Grants by scheme and council: awards made, awarded less recovered (the
-- Expenses:Grants postings), and paid out of grants payable.
SELECT
  council_id,
  scheme,
  COUNT(DISTINCT CASE WHEN account LIKE 'Expenses:Grants:%' AND amount > 0
                      THEN award_id END) AS awards,
  SUM(CASE WHEN account LIKE 'Expenses:Grants:%' THEN amount ELSE 0 END) AS awarded_less_recovered,
  SUM(CASE WHEN account LIKE 'Liabilities:GrantsPayable:%' AND amount > 0
           THEN amount ELSE 0 END) AS paid
FROM postings
WHERE stream = 'grants' AND scheme IS NOT NULL
GROUP BY council_id, scheme
ORDER BY council_id, scheme
