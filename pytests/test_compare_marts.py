"""The mart comparison behind speed changes (lead_scoring_tools/bench/compare_marts.py) finds
a changed row, a score moved by more than the tolerance and a missing table, and ignores a
difference below the tolerance, also on a rounding boundary. A new column is a difference
unless allowed; then it is noted and the rows are still compared."""

from __future__ import annotations

import duckdb
import pytest

from lead_scoring_tools.bench.compare_marts import compare

pytestmark = pytest.mark.duckdb_only


def warehouse(path, scores, extra_table=False, extra_column=False):
    con = duckdb.connect(str(path))
    con.execute("create table lead_scores (lead_id varchar, total_score double, segment varchar)")
    con.executemany("insert into lead_scores values (?, ?, ?)", scores)
    if extra_column:
        con.execute("alter table lead_scores add column total_before_cap double")
    # A mart computed on read (as score_contributions is), naming its database as dbt writes it.
    con.execute(f'create view main.hot_leads as select lead_id, total_score * 2 as doubled '
                f'from "{path.stem}".main.lead_scores where segment != \'C\'')
    if extra_table:
        con.execute("create table dim_segments (segment varchar)")
    con.close()
    return str(path)


def test_compare_marts_sees_real_differences_only(tmp_path):
    before = warehouse(tmp_path / "before.duckdb", [("a", 1.0, "A"), ("b", 2.0, "B"), ("b", 2.0, "B")])
    same = warehouse(tmp_path / "same.duckdb", [("b", 2.0 + 1e-12, "B"), ("a", 1.0, "A"), ("b", 2.0, "B")])
    assert compare(before, same, "main", 1e-9, set()) == []
    # On a rounding boundary: 9 decimals round these one step apart, yet they are 1e-19 apart.
    boundary = warehouse(tmp_path / "boundary.duckdb", [("a", 1.0, "A"), ("b", 2.0, "B"), ("b", 2.0, "B"),
                                                        ("c", 0.0009765625, "C")])
    nearly = warehouse(tmp_path / "nearly.duckdb", [("a", 1.0, "A"), ("b", 2.0, "B"), ("b", 2.0, "B"),
                                                     ("c", 0.0009765624999999999, "C")])
    assert compare(boundary, nearly, "main", 1e-9, set()) == []
    # The same at a larger magnitude: the rounded values' difference is 1e-9 plus float error.
    large = warehouse(tmp_path / "large.duckdb", [("a", 1.0, "A"), ("b", 2.0, "B"), ("b", 2.0, "B"),
                                                  ("c", 34.09753711250001, "C")])
    large_nearly = warehouse(tmp_path / "large_nearly.duckdb", [("a", 1.0, "A"), ("b", 2.0, "B"), ("b", 2.0, "B"),
                                                                ("c", 34.09753711249999, "C")])
    assert compare(large, large_nearly, "main", 1e-9, set()) == []
    further = warehouse(tmp_path / "further.duckdb", [("a", 1.0, "A"), ("b", 2.0, "B"), ("b", 2.0, "B"),
                                                       ("c", 0.0009765625 - 3e-9, "C")])
    assert compare(boundary, further, "main", 1e-9, set()) == ["lead_scores: 1 rows only before, 1 only after"]
    moved = warehouse(tmp_path / "moved.duckdb", [("a", 1.0 + 1e-6, "A"), ("b", 2.0, "B"), ("b", 2.0, "B")])
    assert compare(before, moved, "main", 1e-9, set()) == [
        "hot_leads: 1 rows only before, 1 only after", "lead_scores: 1 rows only before, 1 only after"]
    fewer = warehouse(tmp_path / "fewer.duckdb", [("a", 1.0, "A"), ("b", 2.0, "B")], extra_table=True)
    assert compare(before, fewer, "main", 1e-9, set()) == [
        "dim_segments: only in after", "hot_leads: 1 rows only before, 0 only after",
        "lead_scores: 1 rows only before, 0 only after"]


def test_compare_marts_new_columns_are_noted_only_when_allowed(tmp_path):
    before = warehouse(tmp_path / "before.duckdb", [("a", 1.0, "A"), ("b", 2.0, "B")])
    wider = warehouse(tmp_path / "wider.duckdb", [("a", 1.0, "A"), ("b", 2.0, "B")], extra_column=True)
    assert compare(before, wider, "main", 1e-9, set()) == ["lead_scores: columns differ"]
    notes = []
    assert compare(before, wider, "main", 1e-9, set(), allow_new_columns=True, notes=notes) == []
    assert notes == ["lead_scores: new columns total_before_cap (rows compared on the others)"]
    # The rows are still compared on the columns both have; a dropped column is never allowed.
    moved = warehouse(tmp_path / "moved.duckdb", [("a", 1.5, "A"), ("b", 2.0, "B")], extra_column=True)
    assert compare(before, moved, "main", 1e-9, set(), allow_new_columns=True) == [
        "hot_leads: 1 rows only before, 1 only after", "lead_scores: 1 rows only before, 1 only after"]
    assert compare(wider, before, "main", 1e-9, set(), allow_new_columns=True) == ["lead_scores: columns differ"]
