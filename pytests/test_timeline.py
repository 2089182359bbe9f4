"""lead_score_timeline against a reference written in Python, on a random history: leads
missing on some days, days the timeline missed, an old day re-run and a history that
changed behind its back. Every row of the history must carry the previous scoring day
and the running markers the reference computes, whether the timeline folded or rebuilt."""

from __future__ import annotations

import datetime as dt
import random

import duckdb
import pytest

from conftest import DbtProject

# Writes lead_score_history directly with DuckDB.
pytestmark = pytest.mark.duckdb_only

DAYS = [dt.date(2026, 6, 1) + dt.timedelta(days=offset) for offset in range(9)]
COLUMNS = ["lead_id", "as_of", "previous_as_of", "previous_segment", "previous_is_mql", "previous_is_sql",
           "previous_top_reason_ids", "first_mql_on", "last_mql_start", "last_segment_start",
           "has_sql_since_mql_start"]


REASON_IDS = {"r1": "rule_a,rule_b", "r2": "rule_b,rule_a", None: None}


def random_day(rng: random.Random, day: dt.date, leads: int = 120) -> list[tuple]:
    rows = []
    for number in range(leads):
        if rng.random() < 0.15:  # not scored that day (deleted, or not yet created)
            continue
        is_mql = rng.random() < 0.4
        reasons = rng.choice(["r1", "r2", None])
        rows.append((f"L{number:03d}", day, rng.uniform(0, 100), rng.choice("ABC"), is_mql,
                     is_mql and rng.random() < 0.3, reasons, REASON_IDS[reasons]))
    return rows


def expected_timeline(history: list[tuple]) -> list[tuple]:
    by_lead: dict[str, list[tuple]] = {}
    for row in sorted(history, key=lambda row: (row[0], row[1])):
        by_lead.setdefault(row[0], []).append(row)
    expected = []
    for lead_id, rows in by_lead.items():
        previous = None
        first_mql = last_mql_start = last_segment_start = last_sql = None
        for (_, as_of, _, segment, is_mql, is_sql, reasons, reason_ids) in rows:
            if is_mql:
                first_mql = first_mql or as_of
                if previous is None or not previous[4]:
                    last_mql_start = as_of
            if previous is None or previous[3] != segment:
                last_segment_start = as_of
            if is_sql:
                last_sql = as_of
            has_sql = None if last_mql_start is None else (last_sql is not None and last_sql >= last_mql_start)
            before = tuple(previous[index] for index in (1, 3, 4, 5, 7)) if previous else (None,) * 5
            expected.append((lead_id, as_of, *before, first_mql, last_mql_start, last_segment_start, has_sql))
            previous = (lead_id, as_of, None, segment, is_mql, is_sql, reasons, reason_ids)
    return sorted(expected, key=lambda row: (row[0], row[1]))


def test_timeline_folds_and_rebuilds_match_the_reference(tmp_path):
    rng = random.Random(11)
    project = DbtProject(tmp_path / "timeline")
    project.workdir.mkdir()
    con = duckdb.connect(str(project.db_path))
    con.execute("create table main.lead_score_history (lead_id varchar, as_of date, total_score double, "
                "segment varchar, is_mql boolean, is_sql boolean, top_reasons varchar, top_reason_ids varchar)")
    con.close()

    def write(rows: list[tuple], replace_day: dt.date | None = None) -> None:
        con = duckdb.connect(str(project.db_path))
        if replace_day:
            con.execute("delete from main.lead_score_history where as_of = ?", [replace_day])
        con.executemany("insert into main.lead_score_history values (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        con.close()

    def run(as_of: dt.date) -> str:
        result = project.dbt("run", "--select", "lead_score_timeline", as_of=as_of.isoformat())
        plans = [line.split("lead_score_timeline: ", 1)[1] for line in result.stdout.splitlines()
                 if "lead_score_timeline: " in line]
        history = project.query("select lead_id, as_of, total_score, segment, is_mql, is_sql, top_reasons, "
                                "top_reason_ids "
                                "from main.lead_score_history")
        got = project.query(f"select {', '.join(COLUMNS)} from main.lead_score_timeline order by lead_id, as_of")
        assert got == expected_timeline(history), plans
        return plans[-1] if plans else "rebuild (first build)"

    for day in DAYS[:3]:
        write(random_day(rng, day))
    assert run(DAYS[2]).startswith("rebuild")
    # A timeline an earlier version wrote kept the reasons' text (today's and the previous
    # day's): the next fold drops those columns and folds as usual.
    con = duckdb.connect(str(project.db_path))
    con.execute("alter table main.lead_score_timeline add column top_reasons varchar")
    con.execute("alter table main.lead_score_timeline add column previous_top_reasons varchar")
    con.close()
    # The next day: a fold of that day only (each row joined to its lead's carried row).
    write(random_day(rng, DAYS[3]))
    assert run(DAYS[3]).startswith(f"fold (derive from {DAYS[3]}; one day)")
    columns = {row[0] for row in project.query("select column_name from information_schema.columns "
                                               "where table_name = 'lead_score_timeline'")}
    assert not columns & {"top_reasons", "previous_top_reasons"}
    # Two days scored while the timeline did not run: both derived (window functions).
    write(random_day(rng, DAYS[4]))
    write(random_day(rng, DAYS[5]))
    assert run(DAYS[5]).startswith(f"fold (derive from {DAYS[4]})")
    # An old day scored again with other results: it and every later day are derived again.
    write(random_day(rng, DAYS[4]), replace_day=DAYS[4])
    assert run(DAYS[4]).startswith(f"fold (derive from {DAYS[4]})")
    # Rows of an early day disappear from the history: seen by the row count, rebuilt.
    con = duckdb.connect(str(project.db_path))
    con.execute("delete from main.lead_score_history where as_of = ? and lead_id < 'L050'", [DAYS[1]])
    con.close()
    write(random_day(rng, DAYS[6]))
    assert run(DAYS[6]).startswith("rebuild (history changed before")
    for day in DAYS[7:]:
        write(random_day(rng, day))
        assert run(day).startswith(f"fold (derive from {day}; one day)")
