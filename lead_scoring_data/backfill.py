"""Scores every day of a date range in order (dbt run per day), filling lead_score_history."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

DBT = str(Path(sys.executable).parent / "dbt")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--from", dest="start", required=True, help="first day, YYYY-MM-DD")
    parser.add_argument("--to", dest="end", required=True, help="last day, YYYY-MM-DD")
    parser.add_argument("--select", default="+lead_scores", help="dbt selection to run each day")
    args = parser.parse_args(argv)
    day, end = dt.date.fromisoformat(args.start), dt.date.fromisoformat(args.end)
    if day > end:
        parser.error("--from must not be after --to")
    while day <= end:
        print(f"scoring {day.isoformat()}", flush=True)
        code = subprocess.run([DBT, "run", "--select", args.select, "--vars",
                               json.dumps({"as_of": day.isoformat()})]).returncode
        if code != 0:
            return code
        day += dt.timedelta(days=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
