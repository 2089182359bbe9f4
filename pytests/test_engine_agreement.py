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
def both(tmp_path_factory, fixture_built):
    """DuckDB's build of the fixture, and the engine's (the session's shared build)."""
    project = DbtProject(tmp_path_factory.mktemp("agreement_duckdb"), engine="duckdb")
    project.write_raw(raw_tables())
    project.dbt("build", as_of=AS_OF)
    reference = {table: project.rows_by_lead(table) for table in conftest.COMPARED_TABLES}
    reference["quarantine"] = project.query(
        "select event_id, quarantine_reason from main.events_quarantined order by event_id, quarantine_reason")
    return reference, fixture_built


def comparable(value):
    """Drivers differ only in how they hand over a value, not in the value."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    return value


@pytest.mark.parametrize("table", conftest.COMPARED_TABLES)
def test_the_engine_scores_every_lead_like_duckdb(both, table):
    reference, engine = both
    expected, actual = reference[table], engine[table]
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
    reference, engine = both
    assert engine["quarantine"] == reference["quarantine"]
