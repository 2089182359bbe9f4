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
    commands share (--vars, --target-path, ...)."""
    result = invoke(["parse", *args], project_dir=project_dir, env=env)
    if not result.success:
        raise RuntimeError(f"dbt parse failed:\n{result.output[-6000:]}")
    return result.manifest


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
