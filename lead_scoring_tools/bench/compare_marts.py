"""Compare the marts of two DuckDB warehouses built from the same inputs: the check behind a
speed change that must not change any output (docs/benchmark.md).

    python -m lead_scoring_tools.bench.compare_marts BEFORE.duckdb AFTER.duckdb [--schema main]
        [--tolerance 1e-9] [--skip-columns frozen_source_checksum,state_fingerprint] [--allow-new-columns]

Every table of the schema that both files hold is compared as a multiset of rows (EXCEPT ALL
both ways), floating-point columns rounded to the tolerance's decimals first, so that
1e-12 differences from a different summation order do not count and anything larger does.
Two values on either side of a rounding boundary (0.0009765625 and 0.0009765624999999999
at 9 decimals) round one step apart: the rows left over on both sides are paired on their
other columns, and a pair whose floats are at most one step (the tolerance) apart counts
as equal. Tables in only one file are listed too. Exits 1 when anything differs.
A table whose columns differ is a difference; with --allow-new-columns (a change that adds
columns), columns only AFTER has are listed as notes and the rows compared on the others.

Views of the schema (score_contributions is one) are compared as tables are, by their rows:
each file is opened on its own to read them (a view names the database it was built in, so
the file must keep the name it was built under; compare copies in two folders, not two names).
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
from pathlib import Path

import duckdb

FLOAT_TYPES = ("DOUBLE", "FLOAT", "REAL", "DECIMAL")
# Rows left over after rounding that are paired one by one (more: counted as they are).
MAX_PAIRED = 100_000


def compare(before: str, after: str, schema: str, tolerance: float, skip: set[str],
            allow_new_columns: bool = False, notes: list[str] | None = None) -> list[str]:
    """The differences, one line each; empty when the marts are equal. With allow_new_columns,
    columns only the after side has are left out of the comparison and listed in notes."""
    con = duckdb.connect()
    con.execute(f"attach '{before}' as before_db (read_only)")
    con.execute(f"attach '{after}' as after_db (read_only)")
    spill = tempfile.TemporaryDirectory(prefix="compare_marts_")
    # DuckDB spills to .tmp in the working directory by default (tens of GB when comparing the
    # intermediate state at 100M events): keep it in the folder removed on exit.
    con.execute(f"set temp_directory = '{Path(spill.name) / 'duckdb_spill'}'")
    tables = {}
    for side, path in (("before_db", before), ("after_db", after)):
        tables[side] = {row[0] for row in con.execute(
            "select table_name from duckdb_tables() where database_name = ? and schema_name = ?",
            [side, schema]).fetchall()}
        views = view_rows(path, schema, Path(spill.name) / side)
        for name, parquet in views.items():
            con.execute(f"create schema if not exists {side}_views")
            con.execute(f"create view {side}_views.{name} as select * from read_parquet('{parquet}')")
        tables[side] |= set(views)
    problems = [f"{name}: only in {side.removesuffix('_db')}"
                for side, other in (("before_db", "after_db"), ("after_db", "before_db"))
                for name in sorted(tables[side] - tables[other])]
    decimals = max(0, round(-math.log10(tolerance))) if tolerance > 0 else None
    for name in sorted(tables["before_db"] & tables["after_db"]):
        relations = {side: relation(con, side, schema, name) for side in ("before_db", "after_db")}
        columns = {side: [(row[0], row[1]) for row in con.execute(f"describe select * from {relations[side]}").fetchall()]
                   for side in ("before_db", "after_db")}
        names = {side: [c[0] for c in columns[side]] for side in columns}
        added = [c for c in names["after_db"] if c not in names["before_db"]]
        kept = [c for c in names["after_db"] if c in names["before_db"]]
        if names["before_db"] != names["after_db"]:
            if not (allow_new_columns and added and kept == names["before_db"]):
                problems.append(f"{name}: columns differ")
                continue
            if notes is not None:
                notes.append(f"{name}: new columns {', '.join(added)} (rows compared on the others)")
        expressions, floats = [], []
        for column, kind in columns["before_db"]:
            if column in skip:
                continue
            quoted = '"' + column.replace('"', '""') + '"'
            if decimals is not None and kind.upper().startswith(FLOAT_TYPES):
                floats.append(len(expressions))
                expressions.append(f"round({quoted}, {decimals}) as {quoted}")
            else:
                expressions.append(quoted)
        select = ", ".join(expressions)
        rows = {side: f"select {select} from {relations[side]}" for side in ("before_db", "after_db")}
        only_before = con.execute(
            f"select count(*) from ({rows['before_db']} except all {rows['after_db']})").fetchone()[0]
        only_after = con.execute(
            f"select count(*) from ({rows['after_db']} except all {rows['before_db']})").fetchone()[0]
        if (only_before or only_after) and decimals is not None and max(only_before, only_after) <= MAX_PAIRED:
            leftovers = [con.execute(f"{rows[side]} except all {rows[other]}").fetchall()
                         for side, other in (("before_db", "after_db"), ("after_db", "before_db"))]
            only_before, only_after = unpaired(*leftovers, floats, tolerance)
        if only_before or only_after:
            problems.append(f"{name}: {only_before} rows only before, {only_after} only after")
    con.close()
    spill.cleanup()
    return problems


def view_rows(path: str, schema: str, folder: Path) -> dict[str, str]:
    """The views of the schema in the DuckDB file at path, each read through the file opened
    on its own (where the database names in the view's query resolve) and written to a
    Parquet file in folder: {view name: Parquet path}."""
    con = duckdb.connect(path, read_only=True)
    names = [row[0] for row in con.execute(
        "select view_name from duckdb_views() where not internal and schema_name = ? order by view_name",
        [schema]).fetchall()]
    found = {}
    for name in names:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{name}.parquet"
        try:
            con.execute(f"copy (select * from {schema}.{name}) to '{target}' (format parquet)")
        except duckdb.Error as error:
            raise SystemExit(f"compare_marts: view {schema}.{name} of {path} cannot be read ({error}); was the "
                             "file renamed after the build? Views name the database they were built in.")
        found[name] = str(target)
    con.close()
    return found


def relation(con: duckdb.DuckDBPyConnection, side: str, schema: str, name: str) -> str:
    """Where the rows of a table or view of one side are read: the attached table, or the
    Parquet copy of a view."""
    is_view = con.execute("select count(*) from duckdb_views() where schema_name = ? and view_name = ?",
                          [f"{side}_views", name]).fetchone()[0]
    return f"{side}_views.{name}" if is_view else f"{side}.{schema}.{name}"


def unpaired(before: list[tuple], after: list[tuple], floats: list[int], tolerance: float) -> tuple[int, int]:
    """How many rows of each side find no partner on the other: the same values in every
    column but those at positions floats, which may differ by the tolerance (one rounding
    step; nulls match nulls only)."""
    def key(row):
        return tuple(value for i, value in enumerate(row) if i not in floats)

    # One rounding step, plus the error of subtracting two rounded doubles: a few units in the
    # last place of their magnitude (at 34, 34.097537113 - 34.097537112 is 1.0000036e-9).
    def close(a, b):
        return all((a[i] is None and b[i] is None)
                   or (a[i] is not None and b[i] is not None
                       and abs(a[i] - b[i]) <= tolerance * (1 + 1e-6) + 8 * math.ulp(max(abs(a[i]), abs(b[i]))))
                   for i in floats)

    waiting: dict[tuple, list[tuple]] = {}
    for row in after:
        waiting.setdefault(key(row), []).append(row)
    lonely = 0
    for row in before:
        candidates = waiting.get(key(row), [])
        match = next((i for i, other in enumerate(candidates) if close(row, other)), None)
        if match is None:
            lonely += 1
        else:
            candidates.pop(match)
    return lonely, sum(len(rows) for rows in waiting.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--schema", default="main")
    parser.add_argument("--tolerance", type=float, default=1e-9)
    parser.add_argument("--skip-columns", default="frozen_source_checksum,state_fingerprint",
                        help="columns left out (the event state's own bookkeeping, by default)")
    parser.add_argument("--allow-new-columns", action="store_true",
                        help="columns only AFTER has are listed, not counted, and the rows compared on the others")
    args = parser.parse_args(argv)
    notes: list[str] = []
    problems = compare(args.before, args.after, args.schema, args.tolerance,
                       {c for c in args.skip_columns.split(",") if c}, args.allow_new_columns, notes)
    for line in notes:
        print(f"note: {line}")
    for line in problems:
        print(line)
    print("marts equal" if not problems else f"{len(problems)} difference(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
