-- The same property paid a grant by two or more councils: one property is
-- on one council's rating list, so only one of them can be right.
WITH payments AS (
  SELECT council_id, property_ref, award_id, scheme, date, amount, source_file, source_line
  FROM postings
  WHERE account LIKE 'Liabilities:GrantsPayable:%' AND amount > 0
    AND property_ref IS NOT NULL
),
shared AS (
  SELECT property_ref, COUNT(DISTINCT council_id) AS councils
  FROM payments
  GROUP BY property_ref
  HAVING COUNT(DISTINCT council_id) >= 2
)
SELECT p.property_ref, s.councils, p.council_id, p.award_id, p.scheme, p.date, p.amount,
       p.source_file, p.source_line
FROM payments p
JOIN shared s ON p.property_ref = s.property_ref
ORDER BY p.property_ref, p.council_id, p.source_file, p.source_line
