"""Scores a list of days in order with one dbt parse: the shared loop of backfill and backtest.

The project is parsed once, the seeds are loaded and tested once, then each day is a ``dbt run``
of the selection with LEAD_SCORING_AS_OF set to that day, with no parsing at all. Works on a
database that holds only the raw tables.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from lead_scoring_tools.ops.dbt_invoke import invoke, parse

PROJECT_DIR = Path(__file__).resolve().parents[2]


def score_days(days: Iterable[dt.date], selection: Sequence[str], *, dbt_vars: str | None = None,
               project_dir: str | Path = PROJECT_DIR, env: Mapping[str, str | None] | None = None,
               what: str = "scored", after_day: Callable[[dt.date], None] | None = None) -> int:
    """Runs ``dbt run <selection>`` for each day in order; returns 0, or 1 at the first failure
    (the days before it stay written). selection: dbt flags, e.g. ["--select", "+lead_scores"].
    after_day: called with each day once its run succeeded (make backtest MODEL=... scores the
    candidates there)."""
    days = list(days)
    if not days:
        print("no days to score", file=sys.stderr)
        return 2
    shared = ["--vars", dbt_vars] if dbt_vars else []
    started = time.monotonic()
    manifest = parse(shared, project_dir=project_dir, env=env)
    seeds = invoke(["build", "--select", "resource_type:seed", "--indirect-selection", "cautious", *shared],
                   project_dir=project_dir, manifest=manifest, echo=True, as_of=days[0].isoformat(), env=env)
    if not seeds.success:
        return 1
    print(f"parsed and loaded the seeds in {time.monotonic() - started:.1f} s", flush=True)
    for day in days:
        started = time.monotonic()
        result = invoke(["run", *selection, *shared], project_dir=project_dir, manifest=manifest,
                        as_of=day.isoformat(), env=env)
        if not result.success:
            print(result.output[-6000:], file=sys.stderr)
            print(f"scoring {day.isoformat()} failed; the days before it are written", file=sys.stderr)
            return 1
        if after_day is not None:
            after_day(day)
        print(f"{what} {day.isoformat()} in {time.monotonic() - started:.1f} s", flush=True)
    return 0


def every_day(start: dt.date, end: dt.date) -> list[dt.date]:
    """Every day from start to end, both included."""
    return [start + dt.timedelta(days=offset) for offset in range((end - start).days + 1)]
