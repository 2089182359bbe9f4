"""Scores every day of a date range in order, filling lead_score_history.

Runs dbt in this process: the project is parsed once, the seeds are loaded and tested once,
then each day is a ``dbt run`` of the selection with LEAD_SCORING_AS_OF set to that day, with
no parsing at all. Works on a database that holds only the raw tables.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from lead_scoring_tools.ops.dbt_invoke import invoke, parse

PROJECT_DIR = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--from", dest="start", required=True, help="first day, YYYY-MM-DD")
    parser.add_argument("--to", dest="end", required=True, help="last day, YYYY-MM-DD")
    parser.add_argument("--select", default="+lead_scores", help="dbt selection to run each day (default +lead_scores)")
    parser.add_argument("--vars", default=None, help="dbt --vars for every command (YAML or JSON)")
    parser.add_argument("--project-dir", default=str(PROJECT_DIR), help="the dbt project (default: this one)")
    args = parser.parse_args(argv)
    day, end = dt.date.fromisoformat(args.start), dt.date.fromisoformat(args.end)
    if day > end:
        parser.error("--from must not be after --to")
    shared = ["--vars", args.vars] if args.vars else []

    started = time.monotonic()
    manifest = parse(shared, project_dir=args.project_dir)
    seeds = invoke(["build", "--select", "resource_type:seed", "--indirect-selection", "cautious", *shared], project_dir=args.project_dir,
                   manifest=manifest, echo=True, as_of=day.isoformat())
    if not seeds.success:
        return 1
    print(f"parsed and loaded the seeds in {time.monotonic() - started:.1f} s", flush=True)
    while day <= end:
        started = time.monotonic()
        result = invoke(["run", "--select", args.select, *shared], project_dir=args.project_dir,
                        manifest=manifest, as_of=day.isoformat())
        if not result.success:
            print(result.output[-6000:], file=sys.stderr)
            print(f"scoring {day.isoformat()} failed; the days before it are in lead_score_history", file=sys.stderr)
            return 1
        print(f"scored {day.isoformat()} in {time.monotonic() - started:.1f} s", flush=True)
        day += dt.timedelta(days=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
