"""Nothing lost, nothing silently wrong: what a careless or adversarial run must not destroy
or get away with. Each case starts from a file copy of the fixture as built (built_copy)."""

from __future__ import annotations

import duckdb
import pytest

from conftest import DbtProject

pytestmark = pytest.mark.duckdb_only


# What the history needs: the runs here check the history and the scores, not the other marts.
HISTORY = ("--select", "+lead_score_history", "+lead_scores")


def history_days(project: DbtProject) -> list[str]:
    return [row[0].isoformat() for row in project.query(
        "select distinct as_of from main.lead_score_history order by 1")]


def test_history_survives_a_full_refresh_and_is_rebuilt_only_on_purpose(built_copy):
    project = built_copy
    project.dbt("run", *HISTORY, as_of="2026-07-01")
    assert history_days(project) == ["2026-06-30", "2026-07-01"]
    project.dbt("run", "--full-refresh", *HISTORY, as_of="2026-07-01")
    assert history_days(project) == ["2026-06-30", "2026-07-01"]
    # The documented way to rebuild it on purpose keeps only the day of that run.
    project.dbt("run", "--full-refresh", "--select", "lead_score_history", as_of="2026-07-01",
                dbt_vars={"lead_scoring_rebuild_history": True})
    assert history_days(project) == ["2026-07-01"]


def test_a_broken_event_state_stops_the_build_before_the_marts_are_replaced(built_copy):
    project = built_copy
    before = project.rows_by_lead()
    # The state loses a row behind the fold's back: the next fold cannot see it.
    con = duckdb.connect(str(project.db_path))
    con.execute("delete from main_intermediate.int_lead_signal_history where lead_id = 'L_HOT' and signal = 'pricing_page_view'")
    con.close()
    result = project.dbt("build", *HISTORY, as_of="2026-07-01", check=False)
    assert not result.success
    assert "Events were lost or counted twice" in result.output
    assert "scored: derived" in result.output
    assert "dbt build --full-refresh --select int_lead_signal_history+" in result.output
    assert project.rows_by_lead() == before
    assert history_days(project) == ["2026-06-30"]
    # Doing what the message says brings everything back, the history included.
    project.dbt("build", "--full-refresh", "--select", "int_lead_signal_history+", "int_lead_signal_recent_days+",
                "events_quarantined+", as_of="2026-07-01")
    assert history_days(project) == ["2026-06-30", "2026-07-01"]


def test_bad_keys_are_quarantined_and_everyone_else_is_scored(built_copy):
    project = built_copy
    before = project.rows_by_lead()
    con = duckdb.connect(str(project.db_path))
    columns = "lead_id, account_id, email, job_title, status, is_deleted, created_at, updated_at"
    con.execute(f"""insert into raw.crm_leads ({columns}) values
        (null, 'A1', 'nobody@acme.io', 'CEO', 'New', false, '2026-06-01', '2026-06-01'),
        ('  ', 'A1', 'blank@acme.io', 'CEO', 'New', false, '2026-06-01', '2026-06-01'),
        ('', 'A1', 'empty@acme.io', 'CEO', 'New', false, '2026-06-01', '2026-06-01'),
        -- An older copy of L_HOT with another title: the newer row survives.
        ('L_HOT', 'A1', 'jane.doe@acme.io', 'Student', 'New', false, '2025-06-01', '2025-06-01')""")
    con.execute("""insert into raw.activity_events (event_id, lead_id, event_type, occurred_at) values
        (null, 'L_HAND', 'demo_request', '2026-06-30 10:00:00'),
        ('', 'L_HAND', 'demo_request', '2026-06-30 10:00:00'),
        ('blank_lead_1', '', 'demo_request', '2026-06-30 10:00:00'),
        ('blank_lead_2', '', 'pricing_page_view', '2026-06-30 10:00:00')""")
    # Accounts without an id, and an older copy of Acme in another industry: Acme's newer row wins.
    con.execute("""insert into raw.crm_accounts (account_id, name, domain, industry, employee_count, created_at,
        updated_at) values
        (null, 'No id', 'noid.io', 'software', 10, '2026-06-01', '2026-06-01'),
        (' ', 'Blank id', 'blank.io', 'software', 10, '2026-06-01', '2026-06-01'),
        ('A1', 'Acme (old)', 'acme-old.io', 'education', 5, '2020-01-01', '2020-01-01')""")
    con.close()
    project.dbt("build", "--full-refresh", as_of="2026-06-30")
    quarantined = project.query("select lead_id, copy_number, quarantine_reason from main.leads_quarantined "
                                "order by quarantine_reason, lead_id nulls first")
    assert [(row[0], row[2]) for row in quarantined] == [
        ("L_HOT", "duplicate_lead_id"), (None, "missing_lead_id"), (None, "missing_lead_id"),
        (None, "missing_lead_id")]
    accounts = project.query("select account_id, account_name, quarantine_reason from main.accounts_quarantined "
                             "order by quarantine_reason, account_name")
    assert accounts == [("A1", "Acme (old)", "duplicate_account_id"), (None, "Blank id", "missing_account_id"),
                        (None, "No id", "missing_account_id")]
    assert project.query("select account_id, account_fit_score from main.account_scores order by 1") == [
        ("A1", 70), ("A2", 0), ("A3", 60)]
    after = project.rows_by_lead()
    assert sorted(after) == sorted(before)
    assert after["L_HOT"]["fit_score"] == before["L_HOT"]["fit_score"] == 70
    assert project.rows_by_lead("lead_quality")["L_HOT"]["has_duplicate_lead_id"] is True
    events = project.query("select event_id, source_lead_id, quarantine_reason from main.events_quarantined "
                           "where quarantine_reason in ('missing_event_id', 'unmatched_lead') "
                           "order by event_id nulls first, source_lead_id")
    assert [(row[0], row[2]) for row in events if row[0] is None] == [
        (None, "missing_event_id"), (None, "missing_event_id")]
    # A blank lead_id pools nothing: its events match no lead.
    by_id = {row[0]: row[2] for row in events if row[0]}
    assert (by_id["blank_lead_1"], by_id["blank_lead_2"]) == ("unmatched_lead", "unmatched_lead")
    # L_HAND's scores did not move: the keyless demo requests were not scored.
    assert after["L_HAND"]["intent_score"] == pytest.approx(before["L_HAND"]["intent_score"], abs=1e-12)


def test_url_and_property_signals_match_whole_values_or_path_segments(built_copy):
    project = built_copy
    con = duckdb.connect(str(project.db_path))
    con.execute("""insert into raw.activity_events (event_id, lead_id, event_type, occurred_at, url, properties) values
        ('m1', 'L_COLD', 'form_submit', '2026-06-30 10:00:00', '/newsletter', '{"form_type": "demolition-newsletter"}'),
        ('m2', 'L_COLD', 'page_view', '2026-06-30 10:00:00', '/pricing-is-a-scam-blog-post', null),
        ('m3', 'L_COLD', 'page_view', '2026-06-30 10:00:00', 'https://x.io/Pricing.html?a=1', null),
        ('m4', 'L_COLD', 'form_submit', '2026-06-30 10:00:00', '/demo', '{"form_type": " Demo "}')""")
    con.close()
    # int_events_mapped_to_signals is a view over the staged events: it maps them as they are.
    signals = dict(project.query("select event_id, signal from main_intermediate.int_events_mapped_to_signals "
                                 "where event_id in ('m1', 'm2', 'm3', 'm4')"))
    assert signals == {"m1": "form_submit", "m2": "page_view", "m3": "pricing_page_view", "m4": "demo_request"}


def test_implausible_firmographics_are_unknown_and_impossible_timelines_flagged(built_copy):
    project = built_copy
    con = duckdb.connect(str(project.db_path))
    con.execute("update raw.crm_accounts set employee_count = 1000000000000, annual_revenue = 1e18 "
                "where account_id = 'A1'")
    con.execute("insert into raw.crm_lead_status_history values ('L_COLD', 'Converted', '2025-11-01 00:00:00')")
    con.close()
    project.dbt("run", as_of="2026-06-30")
    hot = project.rows_by_lead()["L_HOT"]
    # 70 less the employee bucket (+15) and the revenue rule (+5): unknown, not the top bucket.
    assert hot["fit_score"] == 50
    quality = project.rows_by_lead("lead_quality")
    assert quality["L_HOT"]["has_implausible_firmographics"] is True
    assert quality["L_GATE"]["has_implausible_firmographics"] is False
    assert quality["L_COLD"]["timeline_problem"] == "status_changed_before_created"
    assert quality["L_HOT"]["timeline_problem"] is None


def test_a_mistyped_database_path_stops_with_a_message_naming_it(tmp_path):
    project = DbtProject(tmp_path / "typo")
    project.workdir.mkdir()
    result = project.dbt("build", as_of="2026-06-30", check=False)
    assert not result.success
    assert f"No raw table raw.crm_leads in the DuckDB file {project.db_path} (LEAD_SCORING_DB)" in result.output
