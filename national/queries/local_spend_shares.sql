-- Local spend shares (community wealth building): each council's spend by
-- where its suppliers are, as the local spend rule classed each expense
-- posting (own area, region, elsewhere, unknown), and its share in percent.
WITH classed AS (
  SELECT council_id, local_class, SUM(amount) AS spend
  FROM postings
  WHERE account_root = 'Expenses' AND local_class IS NOT NULL
  GROUP BY council_id, local_class
)
SELECT council_id, local_class, spend,
       CAST(ROUND(100 * spend / SUM(spend) OVER (PARTITION BY council_id), 1)
            AS DECIMAL(5, 1)) AS share_percent
FROM classed
ORDER BY council_id, local_class
