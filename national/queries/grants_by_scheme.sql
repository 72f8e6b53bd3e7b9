-- Grants by scheme and council: awards made, awarded less recovered (the
-- Expenses:Grants postings), and paid: out of grants payable, or, for an
-- award credited straight to the bank or to vouchers (a payment to a
-- person, paid at once), the award up to what left the bank with it, as
-- the grants rule counts it.
WITH awards AS (
  SELECT
    council_id,
    scheme,
    COUNT(DISTINCT CASE WHEN account LIKE 'Expenses:Grants:%' AND amount > 0
                        THEN award_id END) AS awards
  FROM postings
  WHERE stream = 'grants' AND scheme IS NOT NULL
  GROUP BY council_id, scheme
),
transactions AS (
  SELECT
    council_id,
    transaction_id,
    scheme,
    MAX(CASE WHEN recovery THEN 1 ELSE 0 END) AS recovery,
    SUM(CASE WHEN account LIKE 'Expenses:Grants:%' AND amount > 0
             THEN amount ELSE 0 END) AS granted,
    SUM(CASE WHEN account LIKE 'Expenses:Grants:%' THEN amount ELSE 0 END) AS net,
    SUM(CASE WHEN account LIKE 'Liabilities:GrantsPayable:%' AND amount > 0
             THEN amount ELSE 0 END) AS paid_from_payable,
    SUM(CASE WHEN (account LIKE 'Assets:Bank:%' OR account LIKE 'Liabilities:Vouchers:%')
                  AND amount < 0
             THEN -amount ELSE 0 END) AS paid_out
  FROM postings
  WHERE stream = 'grants' AND scheme IS NOT NULL
  GROUP BY council_id, transaction_id, scheme
)
SELECT
  t.council_id,
  t.scheme,
  a.awards,
  SUM(t.net) AS awarded_less_recovered,
  SUM(t.paid_from_payable
      + CASE WHEN t.granted > 0 AND t.recovery = 0
             THEN LEAST(t.paid_out, t.granted) ELSE 0 END) AS paid
FROM transactions t
JOIN awards a ON a.council_id = t.council_id AND a.scheme = t.scheme
GROUP BY t.council_id, t.scheme, a.awards
ORDER BY t.council_id, t.scheme
