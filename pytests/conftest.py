"""Drives dbt (in this process, serially) on a throw-away database of the engine chosen by --engine."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from engines import make_engine

from lead_scoring_tools.ops.dbt_invoke import AS_OF_ENV, DbtResult, invoke, parse

PROJECT_DIR = Path(__file__).resolve().parent.parent
DBT = Path(sys.executable).parent / "dbt"


ENGINES = ("duckdb", "postgres", "spark")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--engine", choices=ENGINES, default=os.environ.get("LEAD_SCORING_TEST_ENGINE", "duckdb"),
                     help="engine the portable tests build on (tests marked duckdb_only run on DuckDB only)")


def pytest_configure(config: pytest.Config) -> None:
    global ENGINE
    ENGINE = config.getoption("--engine")
    config.addinivalue_line("markers", "duckdb_only: needs DuckDB (edits raw data or state in place)")
    config.addinivalue_line("markers", "engines: runs only when --engine is not duckdb (cross-engine checks)")
    config.addinivalue_line("markers", "not_spark(reason): skipped on Spark, where each dbt command costs a JVM "
                            "and the check finds no engine difference")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if ENGINE != "duckdb" and item.get_closest_marker("duckdb_only"):
            item.add_marker(pytest.mark.skip(reason=f"DuckDB only; this run is on {ENGINE}"))
        if ENGINE == "duckdb" and item.get_closest_marker("engines"):
            item.add_marker(pytest.mark.skip(reason="compares another engine with DuckDB: use --engine"))
        marker = item.get_closest_marker("not_spark")
        if ENGINE == "spark" and marker:
            item.add_marker(pytest.mark.skip(reason=f"not on Spark: {marker.args[0] if marker.args else ''}"))


ENGINE = "duckdb"


def layer_schema(schema: str, model: str) -> str:
    """The schema a model of this project builds in, given the target schema."""
    if model.startswith("stg_"):
        return f"{schema}_staging"
    if model.startswith("int_"):
        return f"{schema}_intermediate"
    return schema


class DbtProject:
    """A dbt project directory (this project, or a copy to edit) built on one engine."""

    def __init__(self, workdir: Path, project_dir: Path = PROJECT_DIR, engine: str | None = None,
                 profiles_dir: Path | None = None) -> None:
        self.workdir = workdir
        self.project_dir = project_dir
        self.profiles_dir = profiles_dir or project_dir / "profiles"
        self.db_path = workdir / "fixture.duckdb"
        self.engine = make_engine(engine or "duckdb", workdir, self.db_path)

    @property
    def schema(self) -> str:
        return self.engine.schema

    def relation(self, name: str) -> str:
        """The relation of a model: marts in the target schema, staging and intermediate
        models in <schema>_staging and <schema>_intermediate (dbt_project.yml)."""
        return f"{layer_schema(self.engine.schema, name)}.{name}"

    def write_raw(self, tables) -> None:
        self.engine.write_raw(tables)

    def dbt(self, *args: str, as_of: str | None = None, check: bool = True, reparse: bool = False,
            dbt_vars: dict | None = None):
        """Runs dbt on this project: in this process (dbtRunner) on DuckDB and PostgreSQL, as a
        subprocess on Spark (its session holds the Derby metastore, which the raw-table writer
        and the exporter open from their own processes). The scoring date goes through
        LEAD_SCORING_AS_OF, so a new date reuses the partial parse. The session's parse of the
        project directory is reused (parsed_manifest); a test that changes what the parse reads
        after that (a seed file's checksum, a macro) passes reparse=True."""
        command = [*args, "--target-path", str(self.workdir / "target"), "--log-path", str(self.workdir / "logs")]
        if args and args[0] == "build" and self.engine.name == "duckdb":
            # The unit tests (about 4 s a build) run once on DuckDB, in make test's build of the
            # demo data; the builds here check data. On the other engines they run every time.
            command += ["--exclude-resource-type", "unit_test"]
        variables = {**self.engine.dbt_vars(), **(dbt_vars or {})}
        if variables:
            command += ["--vars", json.dumps(variables)]
        # No manifest.json / run_results.json and no debug log file: nothing here reads them,
        # and writing them is about 1.3 s and 10 % of every command.
        env = {"DBT_PROFILES_DIR": str(self.profiles_dir), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
               "DBT_WRITE_JSON": "false", "DBT_LOG_LEVEL_FILE": "none", AS_OF_ENV: as_of, **self.engine.dbt_env()}
        self.engine.invalidate()
        if self.engine.name == "spark":
            full_env = {**os.environ, **{k: v for k, v in env.items() if v is not None}}
            if as_of is None:
                full_env.pop(AS_OF_ENV, None)
            result = subprocess.run([str(DBT), *command], cwd=self.project_dir, env=full_env,
                                    capture_output=True, text=True)
            result = DbtResult(success=result.returncode == 0, output=result.stdout + result.stderr)
        else:
            manifest = None if reparse else parsed_manifest(self.project_dir, variables, env)
            result = invoke(command, project_dir=self.project_dir, env=env, manifest=manifest)
        if check and not result.success:
            raise AssertionError(f"dbt {' '.join(args)} failed:\n{result.output[-8000:]}")
        return result

    def query(self, sql: str) -> list[tuple]:
        return self.engine.query(sql)[1]

    def manifest(self):
        """The session's parse of this project (parsed_manifest), as dbt() uses it."""
        env = {"DBT_PROFILES_DIR": str(self.profiles_dir), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
               "DBT_WRITE_JSON": "false", "DBT_LOG_LEVEL_FILE": "none", **self.engine.dbt_env()}
        return parsed_manifest(self.project_dir, self.engine.dbt_vars(), env)

    def column_types(self, name: str) -> dict[str, str]:
        """A built relation's columns and their types as the engine names them."""
        if self.engine.name == "spark":
            rows = self.query(f"describe table {self.relation(name)}")
            return {row[0]: row[1] for row in rows if row[0] and not row[0].startswith("#")}
        schema = layer_schema(self.engine.schema, name)
        return dict(self.query(f"select column_name, data_type from information_schema.columns "
                               f"where table_schema = '{schema}' and table_name = '{name}'"))

    def rows_by_lead(self, table: str = "lead_scores") -> dict[str, dict]:
        names, rows = self.engine.query(f"select * from {self.relation(table)} order by lead_id")
        return {row[0]: dict(zip(names, row)) for row in rows}


_PARSE_DIR = Path(tempfile.mkdtemp(prefix="lead_scoring_parse_"))


def parsed_manifest(project_dir: Path, variables: dict, env: dict):
    """The session's parse of a project directory with these vars and engine (dbt_invoke.parse
    parses once per process and key): the manifest holds no database path or scoring date, so
    every test project built from the same directory runs without parsing (a full parse is
    about 8 s here), and so do the tools the tests run in this process (backtest, evaluate)."""
    # One output folder per project directory for the session (a parse writes its partial-parse
    # file there), not a new temporary folder for every command.
    target = _PARSE_DIR / hashlib.md5(str(project_dir).encode()).hexdigest()[:12]
    args = ["--target-path", str(target / "target"), "--log-path", str(target / "logs")]
    if variables:
        args += ["--vars", json.dumps(variables)]
    return parse(args, project_dir=project_dir, env=env)


@pytest.fixture(scope="session")
def fixture_project(tmp_path_factory: pytest.TempPathFactory) -> DbtProject:
    from fixture_data import raw_tables

    project = DbtProject(tmp_path_factory.mktemp("fixture"), engine=ENGINE)
    project.write_raw(raw_tables())
    return project


FIXTURE_AS_OF = "2026-06-30"
COMPARED_TABLES = ("lead_scores", "fit_scores", "intent_scores", "negative_scores")


@contextlib.contextmanager
def shared_build(shared: Path | None, name: str):
    """Yields the path of a database file built once for every pytest-xdist worker of the
    session (in shared, the workers' common temporary folder), holding a lock meanwhile: a
    worker that finds it copies it, the first builds and writes it. Without workers (shared
    None) it yields None: the caller builds, and keeps nothing for anyone else."""
    if shared is None:
        yield None
        return
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield shared / f"{name}.duckdb"
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def fixture_built(fixture_project: DbtProject, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The fixture built once (dbt build as of 2026-06-30) for every test that reads it, with
    what it held right after the build: tests that move the project on (back-dating, full
    refresh) come later, and readers compare with this snapshot. On Spark one build costs
    about 100 s, so the end-to-end tests and the agreement test share it."""
    # On DuckDB the generic data tests run on the demo data (make test's build) and on the
    # nasty fixture (test_nasty_inputs.py); here the singular checks do. On the other engines
    # this build is where every data test meets the engine, so it runs them all.
    skip_generic = ("--exclude", "test_type:generic") if fixture_project.engine.name == "duckdb" else ()
    if fixture_project.engine.name == "duckdb":
        # pytest-xdist workers are separate processes: the first to get here builds, the
        # others wait for it and copy its file (a build is about 18 s of CPU).
        shared = tmp_path_factory.getbasetemp().parent if os.environ.get("PYTEST_XDIST_WORKER") else None
        with shared_build(shared, "fixture_built") as built:
            if built is not None and built.exists():
                shutil.copy(built, fixture_project.db_path)
            else:
                fixture_project.dbt("build", *skip_generic, as_of=FIXTURE_AS_OF)
                if built is not None:
                    shutil.copy(fixture_project.db_path, built.with_suffix(".partial"))
                    os.replace(built.with_suffix(".partial"), built)
    else:
        fixture_project.dbt("build", *skip_generic, as_of=FIXTURE_AS_OF)
    quarantine = fixture_project.query(
        f"select event_id, quarantine_reason from {fixture_project.relation('events_quarantined')} "
        "order by event_id, quarantine_reason")
    pristine = None
    if fixture_project.engine.name == "duckdb":
        pristine = fixture_project.workdir / "built_2026-06-30.duckdb"
        shutil.copy(fixture_project.db_path, pristine)
    return {"project": fixture_project, "quarantine": quarantine, "pristine_db": pristine,
            **{table: fixture_project.rows_by_lead(table) for table in COMPARED_TABLES}}


@pytest.fixture()
def built_copy(tmp_path: Path, fixture_built: dict) -> DbtProject:
    """A DuckDB project holding a copy of the fixture as just built (as of 2026-06-30), for a
    test that changes data or state: a file copy instead of a build."""
    project = DbtProject(tmp_path / "built_copy")
    project.workdir.mkdir()
    shutil.copy(fixture_built["pristine_db"], project.db_path)
    return project


def copy_project(destination: Path) -> Path:
    """A copy of the dbt project (no venv, target or data) whose seeds a test may edit."""
    shutil.copytree(PROJECT_DIR, destination, ignore=shutil.ignore_patterns(
        ".venv", "target", "logs", "bench", ".git", "dbt_packages", "integration_tests", "*.duckdb", "*.wal",
        "__pycache__", ".pytest_cache", "scorecards"))
    return destination
