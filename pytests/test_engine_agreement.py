"""Agreement: the same fixture built on DuckDB and on the engine of --engine (PostgreSQL or
Spark) gives the same lead_scores: identical segments, flags and texts, scores equal to 1e-6.
Runs only with --engine postgres or --engine spark (make test-postgres, make test-spark)."""

from __future__ import annotations

import datetime as dt

import pytest

import conftest
from conftest import DbtProject
from fixture_data import raw_tables

pytestmark = pytest.mark.engines

AS_OF = "2026-06-30"
TOLERANCE = 1e-6


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    built = {}
    for engine in ("duckdb", conftest.ENGINE):
        project = DbtProject(tmp_path_factory.mktemp(f"agreement_{engine}"), engine=engine)
        project.write_raw(raw_tables())
        project.dbt("build", as_of=AS_OF)
        built[engine] = project
    return built["duckdb"], built[conftest.ENGINE]


def comparable(value):
    """Drivers differ only in how they hand over a value, not in the value."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    return value


@pytest.mark.parametrize("table", ["lead_scores", "fit_scores", "intent_scores", "negative_scores"])
def test_the_engine_scores_every_lead_like_duckdb(both, table):
    duckdb_project, engine_project = both
    expected, actual = duckdb_project.rows_by_lead(table), engine_project.rows_by_lead(table)
    assert sorted(actual) == sorted(expected)
    assert len(expected) == 8
    differences = []
    for lead_id, row in expected.items():
        assert sorted(actual[lead_id]) == sorted(row), "the engine has other columns"
        for column, value in row.items():
            got = comparable(actual[lead_id][column])
            if isinstance(value, float):
                if got is None or abs(float(got) - value) > TOLERANCE:
                    differences.append((lead_id, column, got, value))
            elif got != comparable(value):
                differences.append((lead_id, column, got, value))
    assert differences == []


def test_the_engine_quarantines_the_same_events(both):
    duckdb_project, engine_project = both
    sql = "select event_id, quarantine_reason from {} order by event_id, quarantine_reason"
    assert (engine_project.query(sql.format(engine_project.relation("events_quarantined")))
            == duckdb_project.query(sql.format(duckdb_project.relation("events_quarantined"))))
