"""The semantic layer (models/semantic/_semantic__models.yml) through MetricFlow's own command
line: real `mf query` calls on the demo warehouse, each number checked against plain SQL on
the marts."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def mf_env(test_db):
    env = {**os.environ, "DBT_PROFILES_DIR": str(PROJECT_DIR / "profiles"), "LEAD_SCORING_DB": test_db,
           "LEAD_SCORING_TARGET": "duckdb", "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    # mf reads target/semantic_manifest.json, which dbt parse writes.
    parsed = subprocess.run([str(BIN / "dbt"), "parse", "-q"], cwd=PROJECT_DIR, env=env, capture_output=True, text=True)
    assert parsed.returncode == 0, parsed.stdout[-3000:]
    built = subprocess.run([str(BIN / "dbt"), "run", "-q", "--select", "metricflow_time_spine"], cwd=PROJECT_DIR,
                           env={**env, "LEAD_SCORING_AS_OF": "2026-06-30"}, capture_output=True, text=True)
    assert built.returncode == 0, built.stdout[-3000:]
    return env


def mf_query(env, tmp_path, *args: str) -> list[dict]:
    out = tmp_path / f"query_{len(list(tmp_path.iterdir()))}.csv"
    result = subprocess.run([str(BIN / "mf"), "query", *args, "--csv", str(out)], cwd=PROJECT_DIR, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and out.exists(), result.stdout[-3000:] + result.stderr[-3000:]
    with open(out) as handle:
        return list(csv.DictReader(handle))


def sql(db: str, query: str) -> list[tuple]:
    con = duckdb.connect(db, read_only=True)
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()


def test_new_mqls_by_week_and_segment_as_the_issue_asks(mf_env, test_db, tmp_path):
    rows = mf_query(mf_env, tmp_path, "--metrics", "new_mqls", "--group-by", "metric_time__week,lead_scores__segment")
    got = sorted((row["metric_time__week"][:10], row["lead_scores__segment"], int(row["new_mqls"])) for row in rows)
    expected = sql(test_db, """
        select strftime(date_trunc('week', s.mql_started_on), '%Y-%m-%d'), l.segment, count(*)
        from main.mql_sla as s inner join main.lead_scores as l on s.lead_id = l.lead_id
        group by 1, 2 order by 1, 2""")
    assert got == sorted(expected) and sum(row[2] for row in got) > 0


def test_lead_and_account_metrics_equal_sql_on_the_marts(mf_env, test_db, tmp_path):
    row = mf_query(mf_env, tmp_path, "--metrics", "leads_scored,average_score,mql_to_sql_rate,mqas")[0]
    leads, average, rate = sql(test_db, """
        select count(distinct lead_id), avg(total_score),
               sum(case when (first_mql_at is not null or is_mql) and is_sql then 1 else 0 end)
               / sum(case when first_mql_at is not null or is_mql then 1 else 0 end)
        from main.lead_scores""")[0]
    mqas = sql(test_db, "select sum(case when is_mqa then 1 else 0 end) from main.account_scores")[0][0]
    assert int(row["leads_scored"]) == leads
    assert float(row["average_score"]) == pytest.approx(average, rel=1e-12)
    assert float(row["mql_to_sql_rate"]) == pytest.approx(rate, rel=1e-12)
    assert int(row["mqas"]) == mqas > 0


def test_weekly_sla_and_flag_metrics_equal_sql_on_the_marts(mf_env, test_db, tmp_path):
    rows = mf_query(mf_env, tmp_path, "--metrics", "new_mqls,sla_breach_rate,median_hours_to_first_touch,mqls,sqls",
                    "--group-by", "metric_time__week")
    got = {row["metric_time__week"][:10]: row for row in rows}
    sla = {week: values for week, *values in sql(test_db, """
        select strftime(date_trunc('week', mql_started_on), '%Y-%m-%d'), count(*),
               sum(case when is_breached then 1 else 0 end) / count(*), median(hours_to_first_touch)
        from main.mql_sla group by 1""")}
    flags = {week: values for week, *values in sql(test_db, """
        select strftime(date_trunc('week', as_of), '%Y-%m-%d'),
               count(distinct case when is_mql then lead_id end), count(distinct case when is_sql then lead_id end)
        from main.lead_score_history group by 1""")}
    assert sorted(got) == sorted(set(sla) | set(flags))
    for week, row in got.items():
        episodes, breach_rate, median_hours = sla[week]
        assert int(row["new_mqls"]) == episodes
        assert float(row["sla_breach_rate"]) == pytest.approx(breach_rate, abs=1e-12)
        assert float(row["median_hours_to_first_touch"]) == pytest.approx(median_hours, rel=1e-9)
        assert (int(row["mqls"]), int(row["sqls"])) == tuple(flags[week])
