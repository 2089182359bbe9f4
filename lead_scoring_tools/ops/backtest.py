"""Point-in-time backtest: scores each snapshot date exactly as the daily run on that day would
have, and keeps a snapshot of it (lead_score_snapshots, lead_feature_snapshots).

Every date runs the dbt selector ``backtest`` (the snapshot models and everything upstream of
them: the same models, with LEAD_SCORING_AS_OF set to the date) with LEAD_SCORING_TAKE_SNAPSHOT
set, so the snapshots are written whatever var lead_scoring_snapshot_every says. Dates go
forward: the event state rebuilds once for the first date if it is earlier than the state,
then folds forward. lead_score_history, the timeline and lead_scores are not touched; the
scoring marts (fit_scores, lead_scores_current, ...) hold the last date scored until the next
daily run. Then ``make evaluate`` labels the snapshots with the outcomes that followed.

The same by hand, per date: LEAD_SCORING_TAKE_SNAPSHOT=true LEAD_SCORING_AS_OF=2026-01-05 dbt run --selector backtest
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import sys
from pathlib import Path

from lead_scoring_tools.ops import shadow
from lead_scoring_tools.ops.scoring_days import PROJECT_DIR, every_day, score_days

SNAPSHOT_ENV = "LEAD_SCORING_TAKE_SNAPSHOT"


def snapshot_dates(start: dt.date, end: dt.date, every: str) -> list[dt.date]:
    """The dates from start to end (both included when they fall on the step): every day, every
    7 days, or the same day of each month (the month's last day when it is shorter)."""
    if every == "day":
        return every_day(start, end)
    if every == "week":
        return [start + dt.timedelta(days=7 * n) for n in range((end - start).days // 7 + 1)]
    if every == "month":
        dates, n = [], 0
        while True:
            year, month = divmod(start.month - 1 + n, 12)
            year, month = start.year + year, month + 1
            day = dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
            if day > end:
                return dates
            dates.append(day)
            n += 1
    raise ValueError(f"every must be day, week or month, not {every!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--from", dest="start", required=True, help="first snapshot date, YYYY-MM-DD")
    parser.add_argument("--to", dest="end", required=True, help="last possible snapshot date, YYYY-MM-DD")
    parser.add_argument("--every", default="month", choices=["day", "week", "month"],
                        help="step between snapshot dates (default month)")
    parser.add_argument("--vars", default=None, help="dbt --vars for every command (YAML or JSON), e.g. another model_id")
    parser.add_argument("--project-dir", default=str(PROJECT_DIR), help="the dbt project (default: this one)")
    parser.add_argument("--model", action="append",
                        help="also score this candidate of seeds/scoring_models.csv in shadow on every date "
                             "(repeat it, or 'all'); the live model is always scored")
    args = parser.parse_args(argv)
    start, end = dt.date.fromisoformat(args.start), dt.date.fromisoformat(args.end)
    if start > end:
        parser.error("--from must not be after --to")
    dates = snapshot_dates(start, end, args.every)
    print(f"backtest: {len(dates)} snapshot dates from {dates[0]} to {dates[-1]}", flush=True)
    env = {SNAPSHOT_ENV: "true"}
    runs = []
    if args.model:
        extra = json.loads(args.vars) if args.vars else None
        runs = [shadow.ShadowRun(Path(args.project_dir), model_id, extra, env=env)
                for model_id in shadow.candidates(Path(args.project_dir), args.model)]
        for run in runs:
            run.check(dates[0].isoformat())

    def candidates_too(day: dt.date) -> None:
        for run in runs:
            run.score(day.isoformat())

    return score_days(dates, ["--selector", "backtest"], dbt_vars=args.vars, project_dir=args.project_dir,
                      env=env, what="snapshot of", after_day=candidates_too)


if __name__ == "__main__":
    sys.exit(main())
