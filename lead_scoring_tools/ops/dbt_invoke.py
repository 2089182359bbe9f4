"""dbt run inside this Python process (dbtRunner) instead of a new process per command.

One import of dbt serves every command, and the scoring date travels in the environment
variable LEAD_SCORING_AS_OF, which the models read only while executing: a new date reuses
the partial parse (target/partial_parse.msgpack), where a changed ``--vars`` makes dbt parse
the whole project again. Used by ``backfill`` and by the tests.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

AS_OF_ENV = "LEAD_SCORING_AS_OF"
_LEVELS = {"info", "warn", "error"}


@dataclass
class DbtResult:
    """What one dbt command did: success, the messages it logged (info and above), its exception."""

    success: bool
    output: str
    exception: BaseException | None = None
    results: list = field(default_factory=list)
    manifest: object | None = None  # the Manifest, for dbt parse

    @property
    def stdout(self) -> str:  # the name subprocess results use, for callers written against them
        return self.output

    @property
    def stderr(self) -> str:  # everything is in output
        return ""

    @property
    def returncode(self) -> int:
        return 0 if self.success else 1


@contextlib.contextmanager
def environment(values: Mapping[str, str | None]) -> Iterator[None]:
    """Sets (or, for None, removes) environment variables for the duration of the block."""
    saved = {name: os.environ.get(name) for name in values}
    try:
        _set_environment(values)
        yield
    finally:
        _set_environment(saved)


def _set_environment(values: Mapping[str, str | None]) -> None:
    for name, value in values.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def invoke(args: Sequence[str], *, project_dir: str | Path, as_of: str | None = None,
           env: Mapping[str, str | None] | None = None, echo: bool = False, manifest=None) -> DbtResult:
    """Runs ``dbt <args>`` for the project in project_dir, scored as of as_of (YYYY-MM-DD; None
    leaves LEAD_SCORING_AS_OF as the environment has it). env adds environment variables for
    this command only. echo also prints dbt's own log lines (the command line's output).
    manifest: a parsed project (see parse) to run without parsing at all; it must come from
    the same project directory and --vars."""
    from dbt.cli.main import dbtRunner  # imported here: importing dbt takes about 2 s

    lines: list[str] = []

    def collect(event) -> None:
        if event.info.level in _LEVELS and event.info.msg:
            lines.append(event.info.msg)

    variables = {**(env or {})}
    if as_of is not None:
        variables[AS_OF_ENV] = as_of
    command = ["--no-use-colors", *args, "--project-dir", str(project_dir)]
    if not echo:
        command = ["--quiet", *command]
    with environment(variables):
        try:
            outcome = dbtRunner(manifest=manifest, callbacks=[collect]).invoke(command)
        finally:
            release_duckdb()
    results = list(getattr(outcome.result, "results", None) or [])
    parsed = outcome.result if type(outcome.result).__name__ == "Manifest" else None
    output = "\n".join(lines)
    if outcome.exception is not None:
        output += f"\n{type(outcome.exception).__name__}: {outcome.exception}"
    return DbtResult(success=outcome.success, output=output, exception=outcome.exception, results=results,
                     manifest=parsed)


def parse(args: Sequence[str], *, project_dir: str | Path, env: Mapping[str, str | None] | None = None):
    """The parsed project (a dbt Manifest) for project_dir, to pass to invoke(manifest=...):
    commands given it skip parsing, even the partial parse. args: the flags the later
    commands share (--vars, --target-path, ...).

    One parse per process for the same project files, flags and parse-time environment
    (parse_key): a process that runs several tools on several databases (the tests, a
    backtest then an evaluation) parses once. The manifest holds neither the scoring date nor
    the database path, only the database's name (DuckDB: the file's stem), so those are not
    in the key; the project's files (names, sizes, modification times) are, so an edited model,
    macro or yml parses again."""
    key = parse_key(args, project_dir, env)
    if key not in _PARSED:
        result = invoke(["parse", *args], project_dir=project_dir, env=env)
        if not result.success:
            raise RuntimeError(f"dbt parse failed:\n{result.output[-6000:]}")
        _PARSED[key] = result.manifest
    return _PARSED[key]


_PARSED: dict[tuple, object] = {}
# Flags and variables that only say where output goes or when scores are dated: not in the key.
_OUTPUT_FLAGS = {"--target-path", "--log-path"}
# LEAD_SCORING_TAKE_SNAPSHOT (make backtest) is read at execution only, like the scoring date.
_NOT_PARSE_TIME = {AS_OF_ENV, "LEAD_SCORING_TAKE_SNAPSHOT", "DBT_TARGET_PATH", "DBT_LOG_PATH", "DBT_WRITE_JSON",
                   "DBT_LOG_LEVEL_FILE", "DBT_SEND_ANONYMOUS_USAGE_STATS", "LEAD_SCORING_DB"}
# The folders dbt parses (this project's and its hosts' dbt_project.yml use the defaults).
_DBT_FOLDERS = ("models", "macros", "seeds", "tests", "snapshots", "analyses")


def parse_key(args: Sequence[str], project_dir: str | Path, env: Mapping[str, str | None] | None) -> tuple:
    """What a parse depends on: the project's files, the flags (less the output paths), the
    dbt, lead-scoring and PostgreSQL (PG*: the database a relation names) environment
    variables (less the output paths and the scoring date), and the DuckDB database's name.
    A seed file counts by its name only (dbt reads its rows when it loads it), so a test that
    edits a seed's rows keeps the parse."""
    flags, skip = [], False
    for arg in args:
        if skip:
            skip = False
        elif arg in _OUTPUT_FLAGS:
            skip = True
        else:
            flags.append(arg)
    merged = {**os.environ, **(env or {})}
    variables = tuple(sorted((name, value) for name, value in merged.items()
                             if value is not None and name.startswith(("DBT_", "LEAD_SCORING_", "PG"))
                             and name not in _NOT_PARSE_TIME))
    database = Path(merged["LEAD_SCORING_DB"]).stem if merged.get("LEAD_SCORING_DB") else None
    root = Path(project_dir).resolve()
    return str(root), tuple(flags), variables, database, hash(tuple(_parsed_files(root)))


def _parsed_files(root: Path) -> Iterator[tuple]:
    """Name, size and modification time of each file a parse of the project at root reads: its
    top-level yml files and the files under its dbt folders, and the same of each installed
    package. Seeds count by their name only (dbt reads their rows when it loads them)."""
    for path in sorted(root.glob("*.yml")):
        yield _file_state(path, root)
    for folder in _DBT_FOLDERS:
        for current, dirs, names in os.walk(root / folder):
            dirs.sort()
            for name in sorted(names):
                yield _file_state(Path(current) / name, root)
    packages = root / "dbt_packages"
    if packages.is_dir():
        for package in sorted(packages.iterdir()):
            if package.is_dir():
                yield str(package.relative_to(root)), tuple(_parsed_files(package.resolve()))


def _file_state(path: Path, root: Path) -> tuple:
    """A file's path under root, size and modification time (a seed's path only)."""
    if path.suffix == ".csv":
        return str(path.relative_to(root)), None, None
    stat = path.stat()
    return str(path.relative_to(root)), stat.st_size, stat.st_mtime_ns


def release_duckdb() -> None:
    """Closes the DuckDB database dbt-duckdb keeps open for the life of the process, so that
    this process (or another) can open the file after the command. dbt-duckdb exposes no public
    call for it: close_all_connections() forgets the database without closing it."""
    try:
        from dbt.adapters.duckdb.connections import DuckDBConnectionManager
    except ImportError:
        return
    with DuckDBConnectionManager._LOCK:
        if DuckDBConnectionManager._ENV is not None:
            DuckDBConnectionManager._ENV.close()
            DuckDBConnectionManager._ENV = None
