"""The scoring date stays out of the parse: LEAD_SCORING_AS_OF is read only while executing, so
scoring another day reuses dbt's partial parse (a changed --vars would parse the whole project
again, 15-25 s here). Runs the dbt command line, as a user or a scheduler does."""

from __future__ import annotations

import os
import subprocess

import pytest

from conftest import DBT, PROJECT_DIR

pytestmark = pytest.mark.duckdb_only


def dbt(tmp_path, *args: str, as_of: str) -> str:
    env = {**os.environ, "DBT_PROFILES_DIR": str(PROJECT_DIR / "profiles"), "LEAD_SCORING_TARGET": "duckdb",
           "LEAD_SCORING_DB": str(tmp_path / "empty.duckdb"), "LEAD_SCORING_AS_OF": as_of,
           "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    result = subprocess.run([str(DBT), "--no-use-colors", *args, "--target-path", str(tmp_path / "target"),
                             "--log-path", str(tmp_path / "logs")],
                            cwd=PROJECT_DIR, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:]
    return result.stdout


def compiled_attributes(tmp_path) -> str:
    return next((tmp_path / "target" / "compiled").rglob("int_lead_attributes.sql")).read_text()


def test_a_new_scoring_date_reuses_the_partial_parse(tmp_path):
    dbt(tmp_path, "compile", "--select", "int_lead_attributes", as_of="2026-06-20")
    assert "cast('2026-06-20' as date)" in compiled_attributes(tmp_path)
    (tmp_path / "logs" / "dbt.log").unlink()

    output = dbt(tmp_path, "compile", "--select", "int_lead_attributes", as_of="2026-07-15")
    assert "Unable to do partial parsing" not in output
    log = (tmp_path / "logs" / "dbt.log").read_text()
    assert "Partial parsing enabled, no changes found, skipping parsing" in log
    # ... and the model was compiled for the new date.
    compiled = compiled_attributes(tmp_path)
    assert "cast('2026-07-15' as date)" in compiled and "2026-06-20" not in compiled


def test_var_as_of_still_wins_over_the_environment(tmp_path):
    dbt(tmp_path, "compile", "--select", "int_lead_attributes", "--vars", '{"as_of": "2026-05-31"}',
        as_of="2026-07-15")
    assert "cast('2026-05-31' as date)" in compiled_attributes(tmp_path)


def test_one_parse_serves_every_database_and_date_but_not_an_edit(tmp_path):
    """dbt_invoke.parse keeps one parse per process and parse_key: the output paths, the
    database path (not its name), the scoring date and the backtest's snapshot switch (both
    read at execution only) stay out of the key; vars, another profile or PostgreSQL database,
    an edited macro or a new seed file are in it; a seed's edited rows are not."""
    import shutil

    from lead_scoring_tools.ops.dbt_invoke import parse_key

    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(PROJECT_DIR / "dbt_project.yml", project)
    for folder in ("macros", "seeds"):
        shutil.copytree(PROJECT_DIR / folder, project / folder)

    def key(args=(), **env):
        return parse_key(list(args), project, {"LEAD_SCORING_DB": "/a/fixture.duckdb", **env})

    base = key()
    assert key(["--target-path", "/x/target", "--log-path", "/x/logs"]) == base
    assert key(LEAD_SCORING_DB="/b/fixture.duckdb", LEAD_SCORING_AS_OF="2026-01-05", DBT_TARGET_PATH="/y",
               LEAD_SCORING_TAKE_SNAPSHOT="true") == base
    assert key(LEAD_SCORING_DB="/a/other.duckdb") != base
    assert key(["--vars", '{"lead_scoring_snapshot_every": "day"}']) != base
    assert key(DBT_PROFILES_DIR="/elsewhere") != base
    assert key(PGDATABASE="another") != base
    seed = project / "seeds" / "signal_weights.csv"
    seed.write_text(seed.read_text() + "\n")
    assert key() == base
    (project / "seeds" / "extra.csv").write_text("a\n1\n")
    assert key() != base
    macro = next((project / "macros").glob("*.sql"))
    moved = key()
    macro.write_text(macro.read_text() + "\n")
    assert key() != moved
