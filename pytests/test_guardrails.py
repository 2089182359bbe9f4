"""Guardrails: a broken seed stops the build with a message naming the file, the row
and the problem, before any mart is replaced; the previous lead_scores stays intact.

One case (no live model) runs the whole `dbt build` a user runs; the others build the broken
seed and everything downstream of it (`--select <seed>+`): the same seed checks run first and
the same models are skipped, without rebuilding the unrelated branches each time (about 7 s a
case)."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from conftest import DbtProject, copy_project
from fixture_data import write_fixture

# Edits raw tables, seeds or state in place with DuckDB.
pytestmark = pytest.mark.duckdb_only

AS_OF = "2026-06-30"
SINGULAR_TESTS_ONLY = ("--exclude", "test_type:generic")


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
    # The seed checks (singular tests) run; the generic data tests are not what is tested here.
    project.dbt("build", *SINGULAR_TESTS_ONLY, as_of=AS_OF)
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
        ("scoring_models", "model_id", "rules_v1", "status", "candidate",
         "seeds/scoring_models.csv: exactly one model must have status live, found 0"),
    ],
    ids=["unknown_operator", "duplicate_rule_id", "negative_half_life", "unknown_decay_mode",
         "unordered_thresholds", "non_numeric_points", "no_live_model"],
)
def test_a_broken_seed_stops_the_build_and_keeps_the_previous_scores(
        seeds_restored, seed, key_column, key, column, value, message):
    good_build = seeds_restored
    before = good_build.rows_by_lead()
    assert {row["as_of"].isoformat() for row in before.values()} == {AS_OF}
    edit_csv(good_build.project_dir / "seeds" / f"{seed}.csv", key_column, key, column, value)
    selection = () if seed == "scoring_models" else ("--select", f"{seed}+")
    result = good_build.dbt("build", *selection, as_of="2026-07-15", check=False)
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
    result = good_build.dbt("build", "--select", f"{seed}+", as_of="2026-07-15", check=False,
                            reparse=seed == "mql_sla_hours")
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
    project.dbt("build", *SINGULAR_TESTS_ONLY, as_of=AS_OF)
    scores = project.rows_by_lead()
    assert (scores["L_TEST"]["is_suppressed"], scores["L_TEST"]["suppression_reason"]) == (
        True, "neg_test_local_part")
    # Acme (software) still gets the industry points: fit of L_HOT unchanged at 70.
    assert scores["L_HOT"]["fit_score"] == 70
    # The pattern tests email_local_part, a CRM attribute: its rule is compiled where CRM rules are matched.
    compiled = next((project.workdir / "target" / "compiled").rglob("int_lead_crm_rules_matched.sql")).read_text()
    assert "o''brien''; drop table main.lead_scores; --" in compiled


CUSTOM_ATTRIBUTES = {"lead_scoring_custom_attributes": {
    "occupation": {"table": "crm_leads", "column": "occupation", "kind": "text"},
    "nps": {"table": "crm_leads", "column": "nps_score", "kind": "number"},
    "is_partner": {"table": "crm_accounts", "column": "partner_flag", "kind": "boolean"},
}}


def test_custom_crm_columns_are_scored_and_a_wrong_name_says_where(seeds_restored):
    """Extra CRM columns named in var lead_scoring_custom_attributes reach the rules with no SQL
    edit (text trimmed and case-insensitive, numbers try-cast, booleans as true/false); a
    declared column the raw table lacks, or a rule on an undeclared attribute, stops the build
    naming it."""
    project = seeds_restored
    con = duckdb.connect(str(project.db_path))
    con.execute("alter table raw.crm_leads add column occupation varchar")
    con.execute("alter table raw.crm_leads add column nps_score varchar")
    con.execute("alter table raw.crm_accounts add column partner_flag varchar")
    con.execute("update raw.crm_leads set occupation = '  Student ', nps_score = '9' where lead_id = 'L_HOT'")
    # Unreadable as a number: unknown, so the range rule does not match.
    con.execute("update raw.crm_leads set nps_score = 'n/a' where lead_id = 'L_COLD'")
    con.execute("update raw.crm_accounts set partner_flag = 'Yes' where account_id = 'A1'")
    con.close()
    before = project.rows_by_lead()
    rules = project.project_dir / "seeds" / "scoring_rules.csv"
    if not rules.read_text().endswith("\n"):
        rules.write_text(rules.read_text() + "\n")
    with open(rules, "a", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([
            ["neg_student_occupation", "negative", "persona", "occupation", "equals", "student", "", "", "-15",
             "false", "Occupation student"],
            ["fit_promoter", "fit", "completeness", "nps", "range", "", "9", "11", "0", "false", "Promoter (NPS 9-10)"],
            ["fit_partner_account", "fit", "company", "is_partner", "equals", "true", "", "", "0", "false",
             "Partner account"],
        ])
    project.dbt("build", *SINGULAR_TESTS_ONLY, as_of=AS_OF, reparse=True, dbt_vars=CUSTOM_ATTRIBUTES)
    matched = project.query(
        f"select lead_id, rule_id, attribute_value from {project.relation('int_lead_rules_evaluated')} "
        "where rule_id in ('neg_student_occupation', 'fit_promoter', 'fit_partner_account') order by 1, 2")
    a1_leads = {row[0] for row in project.query(
        f"select lead_id from {project.relation('int_lead_attributes')} where account_id = 'A1'")}
    assert sorted((lead, rule, value) for lead, rule, value in matched if lead not in a1_leads - {"L_HOT"}) == [
        ("L_HOT", "fit_partner_account", "true"), ("L_HOT", "fit_promoter", "9.0"),
        ("L_HOT", "neg_student_occupation", "student")]
    assert {lead for lead, rule, _ in matched if rule == "fit_partner_account"} == a1_leads
    after = project.rows_by_lead()
    assert after["L_HOT"]["negative_score"] == before["L_HOT"]["negative_score"] - 15
    # Zero-point rules change nothing: every other lead scores as before.
    changed = {lead for lead in before if (before[lead]["total_score"], before[lead]["negative_score"])
               != (after[lead]["total_score"], after[lead]["negative_score"])}
    assert changed <= {"L_HOT"}

    misspelt = {"lead_scoring_custom_attributes": {
        **CUSTOM_ATTRIBUTES["lead_scoring_custom_attributes"],
        "occupation": {"table": "crm_leads", "column": "ocupation", "kind": "text"}}}
    # The staging model and the seed check are enough to stop a build: run just those.
    result = project.dbt("run", "--select", "stg_lead_scoring__crm_leads", as_of=AS_OF, check=False, reparse=True,
                         dbt_vars=misspelt)
    assert not result.success
    assert "attribute 'occupation' reads column 'ocupation' of crm_leads" in result.output
    assert project.rows_by_lead() == after

    # The default vars again: the parse of the module's build serves (seeds are read at run time).
    result = project.dbt("build", "--select", "scoring_rules", "assert_scoring_rules_are_valid", as_of=AS_OF,
                         check=False)
    assert not result.success
    assert ("seeds/scoring_rules.csv, rule_id neg_student_occupation: unknown attribute occupation in column "
            "attribute") in result.output
    assert project.rows_by_lead() == after
