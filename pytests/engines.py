"""The engines the tests run the project on: DuckDB (default), PostgreSQL and Spark.

Each engine writes the raw tables a test needs, tells dbt which target to use, and answers
queries on the models so that the same assertions run everywhere. Tests write their SQL
against ``project.relation(name)`` in the SQL all three engines (and DuckDB) understand.

- duckdb: one file per test project.
- postgres: a server from the PG* variables (``make test-postgres`` starts one); each test
  project gets its own pair of schemas, so projects never see each other's tables.
- spark: dbt-spark's session method; every test project gets its own warehouse and Derby
  metastore directory. The metastore allows one process at a time, so raw tables are written
  and models are read by short pyspark subprocesses between dbt runs; models are read by
  exporting the target database to Parquet and querying that with DuckDB.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb

PROJECT_DIR = Path(__file__).resolve().parent.parent
TYPES = {
    "duckdb": {"string": "varchar", "bigint": "bigint", "double": "double", "boolean": "boolean",
               "timestamp": "timestamp"},
    "postgres": {"string": "text", "bigint": "bigint", "double": "double precision", "boolean": "boolean",
                 "timestamp": "timestamp"},
}
Tables = dict[str, tuple[list[tuple[str, str]], list[tuple]]]


def typed_rows(columns: list[tuple[str, str]], rows: list[tuple]) -> list[tuple]:
    """Timestamps given as text become datetimes, so every driver binds the same value."""
    kinds = [kind for _, kind in columns]
    return [tuple(dt.datetime.fromisoformat(value) if kind == "timestamp" and isinstance(value, str) else value
                  for kind, value in zip(kinds, row)) for row in rows]


class _DbApiEngine:
    """An engine the test process reaches through a DB-API connection (DuckDB, PostgreSQL)."""

    name = ""
    mark = "?"  # the driver's parameter placeholder

    def _connect(self, read_only: bool = False):
        raise NotImplementedError

    def write_raw(self, tables: Tables) -> None:
        con = self._connect()
        try:
            cursor = con.cursor()
            cursor.execute(f"create schema if not exists {self.raw_schema}")
            for table, (columns, rows) in tables.items():
                definition = ", ".join(f"{name} {TYPES[self.name][kind]}" for name, kind in columns)
                cursor.execute(f"drop table if exists {self.raw_schema}.{table}")
                cursor.execute(f"create table {self.raw_schema}.{table} ({definition})")
                if rows:
                    marks = ", ".join(self.mark for _ in columns)
                    cursor.executemany(f"insert into {self.raw_schema}.{table} values ({marks})",
                                       typed_rows(columns, rows))
            con.commit()
        finally:
            con.close()

    def query(self, sql: str) -> tuple[list[str], list[tuple]]:
        con = self._connect(read_only=True)
        try:
            cursor = con.cursor()
            cursor.execute(sql)
            return [d[0] for d in cursor.description], cursor.fetchall()
        finally:
            con.close()

    def invalidate(self) -> None:
        """Nothing cached: the engine is queried directly."""


class DuckDBEngine(_DbApiEngine):
    name = "duckdb"
    mark = "?"

    def __init__(self, db_path: str | Path) -> None:
        self.db_path = Path(db_path)
        self.schema = "main"
        self.raw_schema = "raw"

    def dbt_env(self) -> dict[str, str]:
        return {"LEAD_SCORING_TARGET": "duckdb", "LEAD_SCORING_DB": str(self.db_path)}

    def dbt_vars(self) -> dict[str, str]:
        return {}

    def _connect(self, read_only: bool = False):
        con = duckdb.connect(str(self.db_path), read_only=read_only)
        if not read_only:
            con.begin()
        return con


class PostgresEngine(_DbApiEngine):
    name = "postgres"
    mark = "%s"
    _projects = itertools.count()

    def __init__(self, workdir: Path) -> None:
        suffix = f"{os.getpid()}_{next(self._projects)}"
        self.schema = f"lead_scoring_{suffix}"
        self.raw_schema = f"raw_{suffix}"

    def dbt_env(self) -> dict[str, str]:
        return {"LEAD_SCORING_TARGET": "postgres", "LEAD_SCORING_SCHEMA": self.schema}

    def dbt_vars(self) -> dict[str, str]:
        return {"lead_scoring_raw_schema": self.raw_schema}

    def _connect(self, read_only: bool = False):
        import psycopg2

        return psycopg2.connect("")  # libpq reads PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE


class SparkEngine:
    name = "spark"

    def __init__(self, workdir: Path) -> None:
        self.spark_dir = workdir / "spark"
        self.export_dir = workdir / "spark_export"
        self.schema = "lead_scoring"
        self.raw_schema = "raw"
        self._exported = False

    def dbt_env(self) -> dict[str, str]:
        return {"LEAD_SCORING_TARGET": "spark", "LEAD_SCORING_SPARK_DIR": str(self.spark_dir)}

    def dbt_vars(self) -> dict[str, str]:
        return {}

    def _pyspark(self, action: str, payload: dict) -> None:
        env = {**os.environ, **self.dbt_env()}
        subprocess.run([sys.executable, "-m", "lead_scoring_tools.testing.spark_io", action, json.dumps(payload, default=str)],
                       cwd=PROJECT_DIR, env=env, check=True)

    def write_raw(self, tables: Tables) -> None:
        self._pyspark("write", {"database": self.raw_schema, "tables": {
            table: {"columns": columns, "rows": rows} for table, (columns, rows) in tables.items()}})

    def query(self, sql: str) -> tuple[list[str], list[tuple]]:
        databases = [self.schema, f"{self.schema}_intermediate", f"{self.schema}_staging"]
        if not self._exported:
            self._pyspark("export", {"databases": databases, "to": str(self.export_dir)})
            self._exported = True
        con = duckdb.connect()
        try:
            for database_dir in sorted(self.export_dir.iterdir()):
                con.execute(f"create schema {database_dir.name}")
                for table_dir in sorted(database_dir.iterdir()):
                    con.execute(f"create view {database_dir.name}.{table_dir.name} as "
                                f"select * from read_parquet('{table_dir}/*.parquet')")
            cursor = con.execute(sql)
            return [d[0] for d in cursor.description], cursor.fetchall()
        finally:
            con.close()

    def invalidate(self) -> None:
        self._exported = False


def make_engine(name: str, workdir: Path, db_path: Path):
    if name == "duckdb":
        return DuckDBEngine(db_path)
    if name == "postgres":
        return PostgresEngine(workdir)
    if name == "spark":
        return SparkEngine(workdir)
    raise ValueError(f"unknown engine {name!r}: duckdb, postgres or spark")
