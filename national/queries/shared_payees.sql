-- The same bank account, company or charity paid grants by two or more
-- councils (the National Fraud Initiative's data matching, on the books).
-- Bank accounts match on the national fingerprint: each council's own
-- fingerprint is salted with its own salt and never matches another's.
-- One row per grant payment in a match, with the council's file and line.
WITH payments AS (
  SELECT council_id, award_id, scheme, date, amount, source_file, source_line,
         bank_fingerprint_national, company_number, charity_number
  FROM postings
  WHERE account LIKE 'Liabilities:GrantsPayable:%' AND amount > 0
),
keyed AS (
  SELECT 'bank-account' AS matched_on, bank_fingerprint_national AS match_key, p.*
  FROM payments p WHERE bank_fingerprint_national IS NOT NULL
  UNION ALL
  SELECT 'company' AS matched_on, company_number AS match_key, p.*
  FROM payments p WHERE company_number IS NOT NULL
  UNION ALL
  SELECT 'charity' AS matched_on, charity_number AS match_key, p.*
  FROM payments p WHERE charity_number IS NOT NULL
),
shared AS (
  SELECT matched_on, match_key, COUNT(DISTINCT council_id) AS councils
  FROM keyed
  GROUP BY matched_on, match_key
  HAVING COUNT(DISTINCT council_id) >= 2
)
SELECT k.matched_on, k.match_key, s.councils, k.council_id, k.award_id, k.scheme,
       k.date, k.amount, k.source_file, k.source_line
FROM keyed k
JOIN shared s ON k.matched_on = s.matched_on AND k.match_key = s.match_key
ORDER BY k.matched_on, k.match_key, k.council_id, k.source_file, k.source_line
