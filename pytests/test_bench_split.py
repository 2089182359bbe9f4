"""The benchmark's split of a build's model time into SQL statements and dbt's own time
(lead_scoring_tools/bench/bench.py): each statement's time counts for the model whose
connection ran it, on its own thread, across rotated log files; other connections do not."""

import json

import pytest

from lead_scoring_tools.bench.bench import split_build, sql_seconds

# A tool of the DuckDB benchmark; no engine is involved.
pytestmark = pytest.mark.duckdb_only


def event(name: str, thread: str, **data) -> str:
    return json.dumps({"info": {"name": name, "thread": thread}, "data": data})


def query(thread: str, connection: str) -> str:
    return event("SQLQuery", thread, conn_name=connection, sql="select 1")


def status(thread: str, elapsed: float) -> str:
    return event("SQLQueryStatus", thread, elapsed=elapsed, status="OK")


def test_statements_count_for_the_model_whose_connection_ran_them(tmp_path):
    # dbt rotates its log: the oldest lines are in dbt.log.2, then dbt.log.1, then dbt.log.
    (tmp_path / "dbt.log.2").write_text(query("Thread-1", "model.lead_scoring.lead_scores") + "\n")
    (tmp_path / "dbt.log.1").write_text("\n".join([
        status("Thread-1", 0.125),
        query("MainThread", "master"), status("MainThread", 5.0),
        query("Thread-1", "model.lead_scoring.lead_scores_current"), status("Thread-1", 1.5),
        query("Thread-2", "model.lead_scoring.fit_scores"),
    ]) + "\n")
    (tmp_path / "dbt.log").write_text("\n".join([
        "a line that is not JSON",
        # Thread-2's status follows its own query although Thread-1 queried in between.
        query("Thread-1", "model.lead_scoring.lead_scores_current"),
        status("Thread-2", 0.25),
        status("Thread-1", 2.0),
        query("Thread-1", "list_schemas"), status("Thread-1", 9.0),
        query("Thread-1", "model.lead_scoring.lead_scores"), status("Thread-1", 0.5),
    ]) + "\n")

    assert sql_seconds(tmp_path) == {"lead_scores": 0.625, "lead_scores_current": 3.5, "fit_scores": 0.25}

    build = {"models": {"lead_scores_current": 4.0, "fit_scores": 1.0, "lead_scores": 0.875, "lead_score_history": 0.5},
             "model_seconds": 6.375}
    split_build(build, tmp_path)
    assert build["sql_seconds"] == 4.375
    assert build["dbt_own_seconds"] == 2.0
    assert build["lead_output_sql_seconds"] == 4.125
