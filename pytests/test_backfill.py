"""make backfill on a database holding only the raw tables: it loads the seeds itself, scores
each day in order into lead_score_history, and a second range extends the history."""

from __future__ import annotations

import os

import pytest

from conftest import PROJECT_DIR, DbtProject
from fixture_data import write_fixture
from lead_scoring_tools.ops import backfill
from lead_scoring_tools.ops.dbt_invoke import environment

pytestmark = pytest.mark.duckdb_only


def test_backfill_scores_every_day_from_raw_tables_only(tmp_path):
    project = DbtProject(tmp_path / "backfill")
    project.workdir.mkdir()
    write_fixture(str(project.db_path))
    env = {"LEAD_SCORING_DB": str(project.db_path), "LEAD_SCORING_TARGET": "duckdb",
           "DBT_PROFILES_DIR": str(PROJECT_DIR / "profiles"), "DBT_TARGET_PATH": str(project.workdir / "target"),
           "DBT_LOG_PATH": str(project.workdir / "logs"), "DBT_WRITE_JSON": "false", "DBT_LOG_LEVEL_FILE": "none",
           "LEAD_SCORING_AS_OF": None}
    with environment(env):
        assert backfill.main(["--from", "2026-06-28", "--to", "2026-06-30"]) == 0
    days = project.query("select as_of, count(*) from main.lead_score_history group by as_of order by as_of")
    assert [(day.isoformat(), leads) for day, leads in days] == [
        ("2026-06-28", 8), ("2026-06-29", 8), ("2026-06-30", 8)]
    # The last day equals a build of that day: L_HOT as the end-to-end test computes it.
    hot = project.rows_by_lead()["L_HOT"]
    assert hot["as_of"].isoformat() == "2026-06-30"
    assert hot["total_score"] == pytest.approx(70 + 2 * 10 + 10 * 0.5 + 25 * (1 - 10 / 60) + 2, abs=1e-9)
    assert os.environ.get("LEAD_SCORING_DB") != str(project.db_path)
