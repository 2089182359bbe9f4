"""Nasty inputs, each with its exact outcome: unicode, mixed case and padded emails,
duplicate leads and duplicate events, nulls in every nullable column, invalid JSON,
unknown countries, negative head counts, timestamps exactly at the scoring-date
boundary, leap days, ties that only the place of nulls decides, and event keys whose
hashes all collide (the last two built again from an edited copy of the project)."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from conftest import PROJECT_DIR, DbtProject, copy_project

# Edits raw tables, seeds or state in place with DuckDB.
pytestmark = pytest.mark.duckdb_only

AS_OF = "2026-06-30"

LEADS = [
    # lead_id, account_id, email, first, last, title, country, source, status, opt_out, deleted, created_at
    ("N_UNI", None, "  André.Ünïcode@Bücher.DE ", "José", "Müller", "Head of Marketing", "de", "web", "New",
     False, False, "2026-06-01 00:00:00"),
    ("N_NULLS", None, None, None, None, None, None, None, None, None, None, None),
    ("N_DUP1", None, "dup@acme.io", "A", "B", None, "US", "web", "New", False, False, "2026-05-02 00:00:00"),
    ("N_DUP2", None, " DUP@ACME.IO", "A", "B", None, "US", "web", "New", False, False, "2026-05-01 00:00:00"),
    ("N_BAD", "NA1", "bad@negative.io", "C", "D", "Analyst", "ZZ", "web", "New", False, False,
     "2026-06-01 00:00:00"),
    ("N_LEAP", None, "leap@year.io", "E", "F", None, "GB", "web", "New", False, False, "2024-02-01 00:00:00"),
    ("N_EDGE", None, "edge@case.io", "G", "H", None, "XK", "web", "New", False, False, "2026-06-01 00:00:00"),
    # Ties that only the place of nulls decides (test_ties_on_nulls_...): same email, one
    # of unknown creation.
    ("N_ORDER1", None, "order@nulls.io", "I", "J", None, "US", "web", "New", False, False, None),
    ("N_ORDER2", None, "order@nulls.io", "K", "L", None, "US", "web", "New", False, False, "2026-06-01 00:00:00"),
]
STATUS_HISTORY = [
    # Two statuses at the same time, one unknown.
    ("N_ORDER2", None, "2026-06-20 10:00:00"),
    ("N_ORDER2", "Sales Accepted", "2026-06-20 10:00:00"),
]
ACCOUNTS = [("NA1", "Negative Inc", "negative.io", None, -5, None, "ZZ", None)]
EVENTS = [
    # event_id, lead_id, email, event_type, occurred_at, url, properties
    ("n1", None, "ANDRÉ.ÜNÏCODE@bücher.de", "email_open", "2026-06-30 08:00:00", None, None),
    ("n2", None, None, None, None, None, None),
    ("n3", "N_NULLS", None, "form_submit", "2026-06-30 08:00:00", None, "{not json"),
    ("n4", "N_NULLS", None, "page_view", "2026-06-30 08:00:00", None, None),
    ("n5", None, "Dup@Acme.io", "email_open", "2026-06-30 08:00:00", None, None),
    ("n6", "N_LEAP", None, "email_open", "2024-02-29 12:00:00", None, None),
    ("n7", "N_EDGE", None, "page_view", "2026-06-30 23:59:59.999999", "/blog", None),
    ("n8", "N_EDGE", None, "page_view", "2026-07-01 00:00:00", "/blog", None),
    ("dupe", "N_EDGE", None, "page_view", "2026-06-30 12:00:00", "/pricing", None),
    ("dupe", "N_EDGE", None, "page_view", "2026-06-30 12:00:00", "/pricing", None),
    ("same", "N_EDGE", None, "email_open", "2026-06-29 10:00:00", None, None),
    ("same", "N_EDGE", None, "email_open", "2026-06-28 10:00:00", None, None),
    ("o1", None, "order@nulls.io", "email_open", "2026-06-30 08:00:00", None, None),
    # Two copies of one event: by email only (to N_ORDER2, the email's owner) and by lead_id.
    ("o2", None, "order@nulls.io", "demo_request", "2026-06-29 08:00:00", None, None),
    ("o2", "N_ORDER1", None, "demo_request", "2026-06-29 08:00:00", None, None),
]


def write_nasty_fixture(path: str) -> None:
    con = duckdb.connect(path)
    con.execute("create schema raw")
    con.execute("""create table raw.crm_accounts (account_id varchar, name varchar, domain varchar,
        industry varchar, employee_count bigint, annual_revenue double, country varchar, is_customer boolean,
        created_at timestamp, updated_at timestamp)""")
    con.executemany("insert into raw.crm_accounts values (?, ?, ?, ?, ?, ?, ?, ?, null, null)", ACCOUNTS)
    con.execute("""create table raw.crm_leads (lead_id varchar, account_id varchar, email varchar,
        first_name varchar, last_name varchar, job_title varchar, country varchar, lead_source varchar,
        status varchar, is_email_opt_out boolean, is_deleted boolean, created_at timestamp, updated_at timestamp)""")
    con.executemany("insert into raw.crm_leads values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as timestamp), null)",
                    LEADS)
    con.execute("create table raw.crm_lead_status_history (lead_id varchar, status varchar, changed_at timestamp)")
    con.executemany("insert into raw.crm_lead_status_history values (?, ?, cast(? as timestamp))", STATUS_HISTORY)
    con.execute("""create table raw.crm_opportunities (opportunity_id varchar, account_id varchar, lead_id varchar,
        stage varchar, amount double, is_closed boolean, is_won boolean, created_at timestamp, closed_at timestamp)""")
    con.execute("""create table raw.activity_events (event_id varchar, lead_id varchar, email varchar,
        event_type varchar, occurred_at timestamp, url varchar, campaign_id varchar, properties varchar)""")
    con.executemany("insert into raw.activity_events values (?, ?, ?, ?, cast(? as timestamp), ?, null, ?)", EVENTS)
    con.close()


@pytest.fixture(scope="module")
def nasty(tmp_path_factory):
    project = DbtProject(tmp_path_factory.mktemp("nasty"))
    write_nasty_fixture(str(project.db_path))
    project.dbt("build", as_of=AS_OF)
    return project


def test_unicode_and_padded_mixed_case_emails_are_normalised_and_matched(nasty):
    scores = nasty.rows_by_lead()
    quality = nasty.rows_by_lead("lead_quality")
    assert quality["N_UNI"]["email_domain"] == "bücher.de"
    assert quality["N_UNI"]["is_email_valid"] is True
    # Head of +20, marketing +10, DE (lower case in the CRM) +10.
    assert scores["N_UNI"]["fit_score"] == 40
    # The email-only open (upper case, unicode) reached the lead: 1 point today.
    assert scores["N_UNI"]["intent_score"] == pytest.approx(1.0, abs=1e-12)


def test_a_lead_with_every_nullable_column_null_is_scored_as_unknown(nasty):
    row = nasty.rows_by_lead()["N_NULLS"]
    # No title -5 floors at 0; nothing else known; never a crash or a dropped lead.
    assert (row["fit_score"], row["fit_confidence"], row["negative_score"]) == (0, 0, 0)
    # Invalid JSON in properties: the form falls back to the generic form_submit (5).
    # A page view without URL is a plain page view (1).
    assert row["intent_score"] == pytest.approx(5 + 1, abs=1e-12)
    assert (row["segment"], row["lifecycle_stage"], row["is_mql"]) == ("C", "unknown", False)
    assert nasty.rows_by_lead("lead_quality")["N_NULLS"]["is_email_valid"] is False


def test_duplicate_leads_by_email_are_flagged_and_the_earliest_survives(nasty):
    quality = nasty.rows_by_lead("lead_quality")
    assert quality["N_DUP1"]["is_duplicate_email"] and quality["N_DUP2"]["is_duplicate_email"]
    assert (quality["N_DUP1"]["email_owner_lead_id"], quality["N_DUP2"]["is_email_owner"]) == ("N_DUP2", True)
    scores = nasty.rows_by_lead()
    assert scores["N_DUP2"]["intent_score"] == pytest.approx(1.0, abs=1e-12)
    assert scores["N_DUP1"]["intent_score"] == 0


def test_nonsense_values_are_unknown_not_bad_fit(nasty):
    quality = nasty.rows_by_lead("lead_quality")
    assert quality["N_BAD"]["has_country"] is False  # ZZ on the lead and the account
    row = nasty.rows_by_lead()["N_BAD"]
    # -5 employees is unknown (no micro-company penalty); analyst +5; no country.
    assert row["fit_score"] == 5
    # Known: job title only, out of title, employees, industry, country, revenue.
    assert row["fit_confidence"] == pytest.approx(1 / 5)
    assert nasty.rows_by_lead()["N_EDGE"]["fit_confidence"] == 0  # XK is a user-assigned code


def test_leap_day_ages_are_exact(nasty):
    row = nasty.rows_by_lead()["N_LEAP"]
    age = (dt.date(2026, 6, 30) - dt.date(2024, 2, 29)).days
    assert row["days_since_last_activity"] == age == 852
    assert row["intent_score"] == pytest.approx(2 ** (-age / 14), rel=1e-12)


def test_the_scoring_date_boundary_and_duplicate_events(nasty):
    row = nasty.rows_by_lead()["N_EDGE"]
    # 23:59:59.999999 on the scoring date counts fully; 00:00 the next day does not.
    # The re-delivered pricing view counts once (10). The two "same" events differ in
    # time, so both count: email opens 1 and 2 days old.
    expected = 1 + 10 + 2 ** (-1 / 14) + 2 ** (-2 / 14)
    assert row["intent_score"] == pytest.approx(expected, abs=1e-12)
    quarantined = nasty.query(
        "select event_id, quarantine_reason from main.events_quarantined order by event_id, quarantine_reason")
    assert quarantined == [("dupe", "duplicate_event_id"), ("n2", "missing_occurred_at"), ("o2", "duplicate_event_id")]


def test_deduplication_is_exact_when_every_key_hash_collides(nasty, tmp_path):
    # Repeated keys are found by a 64-bit hash (macros/cross_db.sql, key_hash); a hash
    # shared by different keys must change nothing. In a copy of the project every key
    # hashes to 0: every event becomes a candidate and is numbered by its real key.
    project_dir = copy_project(tmp_path / "project")
    macros = project_dir / "macros" / "cross_db.sql"
    text = macros.read_text()
    original = "{% macro duckdb__key_hash(expressions) %}\n    hash({{ expressions | join(', ') }})"
    assert original in text
    macros.write_text(text.replace(original, "{% macro duckdb__key_hash(expressions) %}\n    cast(0 as ubigint)"))
    same_outputs(nasty, build_nasty(project_dir, tmp_path / "work"))


def build_nasty(project_dir, workdir, profiles_dir=None) -> DbtProject:
    """The nasty fixture built by the project in project_dir (an edited copy) or with the
    profiles of profiles_dir (an edited copy of profiles/): what same_outputs compares and
    what it needs, without the data tests (the module's build runs them on this fixture)."""
    project = DbtProject(workdir, project_dir, profiles_dir=profiles_dir)
    project.workdir.mkdir()
    write_nasty_fixture(str(project.db_path))
    project.dbt("build", "--select", "+lead_scores", "+events_quarantined", "--exclude-resource-type", "test",
                as_of=AS_OF)
    return project


def same_outputs(expected: DbtProject, got: DbtProject) -> None:
    """Same quarantine and the same lead_scores (floats to 1e-12)."""
    quarantine = "select event_id, quarantine_reason from main.events_quarantined order by event_id, quarantine_reason"
    assert got.query(quarantine) == expected.query(quarantine)
    expected_rows, got_rows = expected.rows_by_lead(), got.rows_by_lead()
    assert sorted(got_rows) == sorted(expected_rows)
    for lead_id, row in expected_rows.items():
        for column, value in row.items():
            if isinstance(value, float):
                assert got_rows[lead_id][column] == pytest.approx(value, abs=1e-12), (lead_id, column)
            else:
                assert got_rows[lead_id][column] == value, (lead_id, column)


def test_ties_on_nulls_are_broken_alike_whatever_the_engine_puts_first(nasty, tmp_path):
    # A known value comes before a null one: the lead of known creation owns the email,
    # the copy that carries a lead_id is the one scored, a known status wins a tie.
    quality, scores = nasty.rows_by_lead("lead_quality"), nasty.rows_by_lead()
    assert quality["N_ORDER1"]["email_owner_lead_id"] == "N_ORDER2"
    assert scores["N_ORDER2"]["intent_score"] == pytest.approx(1.0, abs=1e-12)  # the open by email, today
    assert scores["N_ORDER1"]["intent_score"] == pytest.approx(25 * (1 - 1 / 60), abs=1e-12)  # the demo, 1 day old
    assert scores["N_ORDER2"]["lifecycle_stage"] == "sales_accepted"
    # Engines differ in where nulls go by default (Spark first when ascending, PostgreSQL
    # first when descending): with a copy of the profiles DuckDB puts nulls first both ways,
    # and nothing may change.
    profiles_dir = tmp_path / "profiles"
    profiles_dir.mkdir()
    text = (PROJECT_DIR / "profiles" / "profiles.yml").read_text()
    anchor = "        preserve_insertion_order: false\n"
    assert anchor in text
    (profiles_dir / "profiles.yml").write_text(text.replace(anchor, anchor + "        default_null_order: nulls_first\n"))
    same_outputs(nasty, build_nasty(PROJECT_DIR, tmp_path / "work", profiles_dir))
