"""Drives dbt as a subprocess (serially) against a throw-away DuckDB file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
DBT = Path(sys.executable).parent / "dbt"


class DbtProject:
    """A DuckDB file and a dbt project directory (this project, or a copy to edit)."""

    def __init__(self, workdir: Path, project_dir: Path = PROJECT_DIR) -> None:
        self.workdir = workdir
        self.project_dir = project_dir
        self.db_path = workdir / "fixture.duckdb"

    def dbt(self, *args: str, as_of: str | None = None, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(DBT), *args, "--target-path", str(self.workdir / "target"),
                   "--log-path", str(self.workdir / "logs")]
        if as_of:
            command += ["--vars", json.dumps({"as_of": as_of})]
        env = {**os.environ, "LEAD_SCORING_DB": str(self.db_path),
               "DBT_PROFILES_DIR": str(self.project_dir / "profiles"),
               "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "LEAD_SCORING_TARGET": "duckdb"}
        result = subprocess.run(command, cwd=self.project_dir, env=env, capture_output=True, text=True)
        if check and result.returncode != 0:
            raise AssertionError(f"dbt {' '.join(args)} failed:\n{result.stdout[-6000:]}\n{result.stderr[-2000:]}")
        return result

    def query(self, sql: str) -> list[tuple]:
        con = duckdb.connect(str(self.db_path), read_only=True)
        try:
            return con.execute(sql).fetchall()
        finally:
            con.close()

    def rows_by_lead(self, table: str = "main.lead_scores") -> dict[str, dict]:
        con = duckdb.connect(str(self.db_path), read_only=True)
        try:
            cursor = con.execute(f"select * from {table} order by lead_id")
            names = [d[0] for d in cursor.description]
            return {row[0]: dict(zip(names, row)) for row in cursor.fetchall()}
        finally:
            con.close()


@pytest.fixture(scope="session")
def fixture_project(tmp_path_factory: pytest.TempPathFactory) -> DbtProject:
    from fixture_data import write_fixture

    project = DbtProject(tmp_path_factory.mktemp("fixture"))
    write_fixture(str(project.db_path))
    return project


def copy_project(destination: Path) -> Path:
    """A copy of the dbt project (no venv, target or data) whose seeds a test may edit."""
    shutil.copytree(PROJECT_DIR, destination, ignore=shutil.ignore_patterns(
        ".venv", "target", "logs", "bench", ".git", "*.duckdb", "*.wal", "__pycache__", ".pytest_cache"))
    return destination
