"""Guardrails: a broken seed stops the build with a message naming the file, the row
and the problem, before any mart is replaced; the previous lead_scores stays intact."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from conftest import DbtProject, copy_project
from fixture_data import write_fixture

# Edits raw tables, seeds or state in place with DuckDB.
pytestmark = pytest.mark.duckdb_only

AS_OF = "2026-06-30"


def edit_csv(path: Path, key_column: str, key: str, column: str, value: str) -> None:
    with open(path, newline="") as handle:
        rows = list(csv.DictReader(handle))
    fields = list(rows[0])
    hits = [row for row in rows if row[key_column] == key]
    assert hits, f"{key} not in {path.name}"
    for row in hits:
        row[column] = value
    with open(path, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="module")
def good_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("guardrails")
    project = DbtProject(root / "work", copy_project(root / "project"))
    project.workdir.mkdir()
    write_fixture(str(project.db_path))
    project.dbt("build", as_of=AS_OF)
    return project


@pytest.fixture()
def seeds_restored(good_build):
    """Each case breaks one seed of the good build's project; put the files back after."""
    seeds = good_build.project_dir / "seeds"
    saved = {path.name: path.read_bytes() for path in seeds.glob("*.csv")}
    yield good_build
    for name, content in saved.items():
        (seeds / name).write_bytes(content)


@pytest.mark.parametrize(
    ("seed", "key_column", "key", "column", "value", "message"),
    [
        ("scoring_rules", "rule_id", "fit_industry_target", "operator", "equalz",
         "seeds/scoring_rules.csv, rule_id fit_industry_target: unknown operator equalz"),
        ("scoring_rules", "rule_id", "fit_source_referral", "rule_id", "fit_country_strategic",
         "seeds/scoring_rules.csv, rule_id fit_country_strategic: duplicate rule_id"),
        ("signal_weights", "signal", "email_click", "half_life_days", "-3",
         "seeds/signal_weights.csv, signal email_click: exponential decay needs half_life_days > 0"),
        ("signal_weights", "signal", "ad_click", "decay_mode", "cubic",
         "seeds/signal_weights.csv, signal ad_click: unknown decay_mode cubic"),
        ("scoring_thresholds", "threshold_name", "segment_b_min_total", "threshold_value", "90",
         "segment_a_min_total must be above segment_b_min_total"),
        ("scoring_rules", "rule_id", "fit_industry_target", "points", "ten",
         "scoring_rules"),
    ],
    ids=["unknown_operator", "duplicate_rule_id", "negative_half_life", "unknown_decay_mode",
         "unordered_thresholds", "non_numeric_points"],
)
def test_a_broken_seed_stops_the_build_and_keeps_the_previous_scores(
        seeds_restored, seed, key_column, key, column, value, message):
    good_build = seeds_restored
    before = good_build.rows_by_lead()
    assert {row["as_of"].isoformat() for row in before.values()} == {AS_OF}
    edit_csv(good_build.project_dir / "seeds" / f"{seed}.csv", key_column, key, column, value)
    result = good_build.dbt("build", as_of="2026-07-15", check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert message in output
    # Nothing downstream ran: lead_scores still holds the last good build (as of 06-30).
    assert good_build.rows_by_lead() == before


def keep_header_only(path: Path) -> None:
    path.write_text(path.read_text().splitlines()[0] + "\n")


@pytest.mark.parametrize(
    ("seed", "break_it", "message"),
    [
        ("scoring_rules", keep_header_only,
         "seeds/scoring_rules.csv has no rows (only its header): every fit and negative score would be 0"),
        ("event_signal_map", keep_header_only,
         "seeds/event_signal_map.csv has no rows (only its header): every event would be quarantined"),
        ("mql_sla_hours", lambda path: path.write_bytes(b""),
         "seeds/mql_sla_hours.csv is empty: a seed needs at least its header row"),
        ("job_title_patterns", lambda path: edit_csv(path, "pattern_id", "seniority_vp", "pattern", "(vp|svp"),
         "seeds/job_title_patterns.csv, pattern_id seniority_vp: invalid regular expression (vp|svp"),
        ("scoring_rules", lambda path: edit_csv(path, "rule_id", "neg_test_local_part", "value", "[test"),
         "seeds/scoring_rules.csv, rule_id neg_test_local_part: invalid regular expression [test"),
    ],
    ids=["header_only_rules", "header_only_event_map", "zero_byte_seed", "invalid_title_regex", "invalid_rule_regex"],
)
def test_an_empty_seed_or_a_bad_pattern_stops_the_build_and_keeps_the_previous_scores(
        seeds_restored, seed, break_it, message):
    good_build = seeds_restored
    before = good_build.rows_by_lead()
    break_it(good_build.project_dir / "seeds" / f"{seed}.csv")
    # The empty-file check reads the checksums of the parse: parse again for this command.
    result = good_build.dbt("build", as_of="2026-07-15", check=False, reparse=seed == "mql_sla_hours")
    assert not result.success
    assert message in result.output
    assert good_build.rows_by_lead() == before


def test_rule_values_with_quotes_and_sql_are_only_data(seeds_restored):
    """A pattern compiled into SQL (the fast path) and an in-list, both full of quotes,
    semicolons and SQL, build fine and match exactly what they say."""
    project = seeds_restored
    seeds = project.project_dir / "seeds"
    edit_csv(seeds / "scoring_rules.csv", "rule_id", "neg_test_local_part", "value",
             "^(test|o'brien'; drop table main.lead_scores; --)([^a-z]|$)")
    edit_csv(seeds / "scoring_rules.csv", "rule_id", "fit_industry_target", "value",
             "software|it's; delete from x|financial services")
    project.dbt("build", as_of=AS_OF)
    scores = project.rows_by_lead()
    assert (scores["L_TEST"]["is_suppressed"], scores["L_TEST"]["suppression_reason"]) == (
        True, "neg_test_local_part")
    # Acme (software) still gets the industry points: fit of L_HOT unchanged at 70.
    assert scores["L_HOT"]["fit_score"] == 70
    compiled = next((project.workdir / "target").rglob("int_lead_rules_evaluated.sql")).read_text()
    assert "o''brien''; drop table main.lead_scores; --" in compiled
