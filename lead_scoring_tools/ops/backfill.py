"""Scores every day of a date range in order, filling lead_score_history.

Runs dbt in this process: the project is parsed once, the seeds are loaded and tested once,
then each day is a ``dbt run`` of the selection with LEAD_SCORING_AS_OF set to that day, with
no parsing at all. Works on a database that holds only the raw tables.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from lead_scoring_tools.ops.scoring_days import PROJECT_DIR, every_day, score_days


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--from", dest="start", required=True, help="first day, YYYY-MM-DD")
    parser.add_argument("--to", dest="end", required=True, help="last day, YYYY-MM-DD")
    parser.add_argument("--select", default="+lead_scores", help="dbt selection to run each day (default +lead_scores)")
    parser.add_argument("--vars", default=None, help="dbt --vars for every command (YAML or JSON)")
    parser.add_argument("--project-dir", default=str(PROJECT_DIR), help="the dbt project (default: this one)")
    args = parser.parse_args(argv)
    start, end = dt.date.fromisoformat(args.start), dt.date.fromisoformat(args.end)
    if start > end:
        parser.error("--from must not be after --to")
    return score_days(every_day(start, end), ["--select", args.select], dbt_vars=args.vars,
                      project_dir=args.project_dir)


if __name__ == "__main__":
    sys.exit(main())
