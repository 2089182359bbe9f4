"""Raw tables into, and models out of, the local Spark warehouse of the `spark` target.

The session uses the same warehouse directory and Derby metastore as profiles/profiles.yml
(LEAD_SCORING_SPARK_DIR), so dbt's session method sees the tables written here. Derby allows
one process at a time: call this between dbt runs, never during one.

    python -m lead_scoring_tools.testing.spark_io write '{"database": "raw", "tables": {...}}'
    python -m lead_scoring_tools.testing.spark_io export '{"database": "lead_scoring", "to": "/tmp/out"}'

write: tables as {name: {"columns": [[name, type], ...], "rows": [[...], ...]}} with the types
string, bigint, double, boolean, timestamp (timestamps as ISO text). export: every table of
the database as Parquet, one folder per table.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

SPARK_TYPES = {"string": "string", "bigint": "bigint", "double": "double", "boolean": "boolean",
               "timestamp": "timestamp"}


def session():
    from pyspark.sql import SparkSession

    spark_dir = Path(os.environ.get("LEAD_SCORING_SPARK_DIR", "target/spark")).resolve()
    spark_dir.mkdir(parents=True, exist_ok=True)
    return (SparkSession.builder.master("local[*]").appName("lead_scoring_io")
            .config("spark.sql.warehouse.dir", str(spark_dir / "warehouse"))
            .config("spark.hadoop.javax.jdo.option.ConnectionURL",
                    f"jdbc:derby:;databaseName={spark_dir / 'metastore_db'};create=true")
            .config("spark.driver.extraJavaOptions", f"-Dderby.system.home={spark_dir}")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.ui.enabled", "false")
            .enableHiveSupport().getOrCreate())


def write(spark, database: str, tables: dict) -> None:
    spark.sql(f"create database if not exists {database}")
    for table, spec in tables.items():
        schema = ", ".join(f"{name} {SPARK_TYPES[kind]}" for name, kind in spec["columns"])
        kinds = [kind for _, kind in spec["columns"]]
        rows = [tuple(dt.datetime.fromisoformat(value) if kind == "timestamp" and value is not None else value
                      for kind, value in zip(kinds, row)) for row in spec["rows"]]
        spark.sql(f"drop table if exists {database}.{table}")
        spark.createDataFrame(rows, schema).write.format("parquet").saveAsTable(f"{database}.{table}")


def export(spark, databases: list[str], target: str) -> None:
    """Every table and view of the databases to Parquet, one folder per database and table."""
    existing = {row[0] for row in spark.sql("show databases").collect()}
    for database in databases:
        if database not in existing:
            continue
        for row in spark.sql(f"show tables in {database}").collect():
            if row.isTemporary:
                continue
            frame = spark.table(f"{database}.{row.tableName}")
            frame.coalesce(1).write.mode("overwrite").parquet(str(Path(target) / database / row.tableName))


def main() -> int:
    action, payload = sys.argv[1], json.loads(sys.argv[2])
    spark = session()
    spark.sparkContext.setLogLevel("ERROR")
    try:
        if action == "write":
            write(spark, payload["database"], payload["tables"])
        elif action == "export":
            export(spark, payload["databases"], payload["to"])
        else:
            raise SystemExit(f"unknown action {action}: write or export")
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
