"""Prints the top leads of lead_scores with their scores, segment and flags."""

from __future__ import annotations

import argparse
import sys

import duckdb

TOP_LEADS = """
select
    lead_id, as_of, round(fit_score, 1) as fit, round(intent_score, 1) as intent,
    round(negative_score, 1) as negative, round(total_score, 1) as total,
    score_cell as cell, segment || ' ' || segment_label as segment,
    is_mql, mql_reason, is_sql, sql_reason
from {schema}.lead_scores
order by total_score desc, lead_id
limit {limit}
"""

REASONS = """
select lead_id, score_trend, lifecycle_status, top_reasons
from {schema}.lead_scores
order by total_score desc, lead_id
limit 5
"""

SUMMARY = """
select
    segment || ' ' || segment_label as segment, cast(count(*) as integer) as leads,
    round(avg(total_score), 1) as avg_total, cast(sum(case when is_mql then 1 else 0 end) as integer) as mqls,
    cast(sum(case when is_sql then 1 else 0 end) as integer) as sqls,
    cast(sum(case when is_suppressed then 1 else 0 end) as integer) as suppressed
from {schema}.lead_scores
group by 1
order by 1
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True, help="DuckDB file holding the built project")
    parser.add_argument("--schema", default="main", help="schema of the marts")
    parser.add_argument("--limit", type=int, default=15, help="leads to show")
    args = parser.parse_args(argv)
    con = duckdb.connect(args.db, read_only=True)
    print(f"Top {args.limit} leads:")
    con.sql(TOP_LEADS.format(schema=args.schema, limit=args.limit)).show(max_width=200)
    print("Why the top 5 score what they do:")
    for lead_id, trend, lifecycle, reasons in con.execute(REASONS.format(schema=args.schema)).fetchall():
        print(f"  {lead_id} ({lifecycle}, {trend}): {reasons}")
    print()
    print("Segments:")
    con.sql(SUMMARY.format(schema=args.schema)).show(max_width=200)
    return 0


if __name__ == "__main__":
    sys.exit(main())
