"""Times `dbt build` of the test fixture (pytests/fixture_data.py) on one engine, as the README
reports it: fixture loaded, then one full `dbt build` (seeds, models, data and unit tests).

    python -m lead_scoring_tools.bench.engine_timing --engine duckdb
    python -m lead_scoring_tools.testing.pg_server -- python -m lead_scoring_tools.bench.engine_timing --engine postgres
    python -m lead_scoring_tools.bench.engine_timing --engine spark
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
# The fixture and its dbt driver live with the tests.
sys.path.insert(0, str(PROJECT_DIR / "pytests"))

from conftest import DbtProject  # noqa: E402
from fixture_data import raw_tables  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engine", choices=["duckdb", "postgres", "spark"], default="duckdb")
    parser.add_argument("--as-of", default="2026-06-30")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lead_scoring_timing_") as workdir:
        project = DbtProject(Path(workdir), engine=args.engine)
        started = time.monotonic()
        project.write_raw(raw_tables())
        loaded = time.monotonic()
        result = project.dbt("build", as_of=args.as_of)
        built = time.monotonic()
    nodes = [line for line in result.stdout.splitlines() if "Done. PASS=" in line]
    print(f"{args.engine}: fixture loaded in {loaded - started:.1f} s, dbt build in {built - loaded:.1f} s "
          f"({nodes[-1].split('Done. ')[-1] if nodes else 'no summary'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
