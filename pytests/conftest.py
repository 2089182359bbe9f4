"""Drives dbt as a subprocess (serially) on a throw-away database of the engine chosen by --engine."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
DBT = Path(sys.executable).parent / "dbt"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from engines import make_engine  # noqa: E402


ENGINES = ("duckdb", "postgres", "spark")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--engine", choices=ENGINES, default=os.environ.get("LEAD_SCORING_TEST_ENGINE", "duckdb"),
                     help="engine the portable tests build on (tests marked duckdb_only run on DuckDB only)")


def pytest_configure(config: pytest.Config) -> None:
    global ENGINE
    ENGINE = config.getoption("--engine")
    config.addinivalue_line("markers", "duckdb_only: needs DuckDB (edits raw data or state in place)")
    config.addinivalue_line("markers", "engines: runs only when --engine is not duckdb (cross-engine checks)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if ENGINE != "duckdb" and item.get_closest_marker("duckdb_only"):
            item.add_marker(pytest.mark.skip(reason=f"DuckDB only; this run is on {ENGINE}"))
        if ENGINE == "duckdb" and item.get_closest_marker("engines"):
            item.add_marker(pytest.mark.skip(reason="compares another engine with DuckDB: use --engine"))


ENGINE = "duckdb"


class DbtProject:
    """A dbt project directory (this project, or a copy to edit) built on one engine."""

    def __init__(self, workdir: Path, project_dir: Path = PROJECT_DIR, engine: str | None = None) -> None:
        self.workdir = workdir
        self.project_dir = project_dir
        self.db_path = workdir / "fixture.duckdb"
        self.engine = make_engine(engine or "duckdb", workdir, self.db_path)

    @property
    def schema(self) -> str:
        return self.engine.schema

    def relation(self, name: str) -> str:
        return f"{self.engine.schema}.{name}"

    def write_raw(self, tables) -> None:
        self.engine.write_raw(tables)

    def dbt(self, *args: str, as_of: str | None = None, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(DBT), *args, "--target-path", str(self.workdir / "target"),
                   "--log-path", str(self.workdir / "logs")]
        variables = self.engine.dbt_vars()
        if as_of:
            variables["as_of"] = as_of
        if variables:
            command += ["--vars", json.dumps(variables)]
        env = {**os.environ, "DBT_PROFILES_DIR": str(self.project_dir / "profiles"),
               "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", **self.engine.dbt_env()}
        self.engine.invalidate()
        result = subprocess.run(command, cwd=self.project_dir, env=env, capture_output=True, text=True)
        if check and result.returncode != 0:
            raise AssertionError(f"dbt {' '.join(args)} failed:\n{result.stdout[-6000:]}\n{result.stderr[-2000:]}")
        return result

    def query(self, sql: str) -> list[tuple]:
        return self.engine.query(sql)[1]

    def rows_by_lead(self, table: str = "lead_scores") -> dict[str, dict]:
        names, rows = self.engine.query(f"select * from {self.relation(table)} order by lead_id")
        return {row[0]: dict(zip(names, row)) for row in rows}


@pytest.fixture(scope="session")
def fixture_project(tmp_path_factory: pytest.TempPathFactory) -> DbtProject:
    from fixture_data import raw_tables

    project = DbtProject(tmp_path_factory.mktemp("fixture"), engine=ENGINE)
    project.write_raw(raw_tables())
    return project


def copy_project(destination: Path) -> Path:
    """A copy of the dbt project (no venv, target or data) whose seeds a test may edit."""
    shutil.copytree(PROJECT_DIR, destination, ignore=shutil.ignore_patterns(
        ".venv", "target", "logs", "bench", ".git", "dbt_packages", "integration_tests", "*.duckdb", "*.wal",
        "__pycache__", ".pytest_cache"))
    return destination
