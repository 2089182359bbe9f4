"""Property: after any sequence of daily incremental runs (new days, late events within
and beyond the open days, a weight change, a half-life change, events deleted, inserted
or edited on frozen days with their count unchanged) lead_scores equals a
full refresh of the same inputs: scores to 1e-9, segments and flags identical; account_scores,
the 28 days of engagement behind the account trend and the CRM facts kept lead by lead
(int_leads_enriched and int_lead_crm_rules_matched, after CRM edits, a rule change and a
title-pattern change) too.

The runs build lead_scores, the account marts and what they depend on (SELECTED): the
evaluation, quality and history marts read the same state and would only add time. The
comparison with a full refresh follows the runs that fold into state kept from an earlier day
(after two folds, after a fold that follows a rebuild, after a three-day fold) and the last
rebuild of frozen days (after a window change and two frozen-day edits)."""

from __future__ import annotations

import datetime as dt
import shutil

import duckdb
import pytest

from conftest import DbtProject
from lead_scoring_tools.demo.generate import SIZES, Generator, append_next_day

# Edits raw tables, seeds or state in place with DuckDB.
pytestmark = pytest.mark.duckdb_only

END = dt.date(2026, 6, 30)
COMPARED = ["fit_score", "intent_score", "negative_score", "total_score"]
EXACT = ["as_of", "fit_grade", "intent_level", "score_cell", "segment", "is_mql", "mql_reason",
         "is_sql", "sql_reason", "is_suppressed", "suppression_reason", "last_activity_at",
         "days_since_last_activity", "top_reasons"]


# A lead whose email changes on day 5 (after frozen events by email only).
EMAIL_EDITED_LEAD = "L0000010"
SELECTED = ("--select", "+lead_scores", "+account_score_changes", "+events_quarantined")


def plan_of(result, model: str = "int_lead_signal_history") -> str:
    lines = [line for line in result.stdout.splitlines() if f"{model}: " in line]
    assert lines, result.stdout[-3000:]
    return lines[-1].split(f"{model}: ", 1)[1]


def assert_matches_full_refresh(project: DbtProject, tmp_path, step: str, as_of: str) -> None:
    """The scores, the quarantined events, the CRM state and the event state of an
    incremental run equal those of a full refresh."""
    incremental = project.rows_by_lead()
    copy = DbtProject(tmp_path / f"full_{step}")
    copy.workdir.mkdir()
    shutil.copy(project.db_path, copy.db_path)
    copy.dbt("run", "--full-refresh", *SELECTED, as_of=as_of)
    full = copy.rows_by_lead()
    assert sorted(incremental) == sorted(full)
    for lead_id, expected in full.items():
        got = incremental[lead_id]
        for column in COMPARED:
            assert got[column] == pytest.approx(expected[column], abs=1e-9), (step, lead_id, column)
        for column in EXACT:
            assert got[column] == expected[column], (step, lead_id, column, got[column], expected[column])
    decayed = "select count(*), sum(event_count) from main_intermediate.int_lead_signals_decayed"
    assert project.query(decayed) == copy.query(decayed), step
    history = ("select lead_id, signal, event_count, unit_sum, last_occurred_at "
               "from main_intermediate.int_lead_signal_history order by lead_id, signal")
    assert project.query(history) == copy.query(history), step
    quarantined = ("select event_id, source_lead_id, email, occurred_at, quarantine_reason "
                   "from main.events_quarantined order by all")
    assert project.query(quarantined) == copy.query(quarantined), step
    owners = "select pair_key, lead_id from main_intermediate.int_event_pair_owners order by pair_key"
    assert project.query(owners) == copy.query(owners), step
    # The open and window days are kept incrementally too: the same rows as a rebuild.
    days = ("select lead_id, signal, activity_date, event_count, last_occurred_at, is_frozen_day "
            "from main_intermediate.int_lead_signal_recent_days order by lead_id, signal, activity_date")
    assert project.query(days) == copy.query(days), step
    numbered = "select * from main_intermediate.int_lead_rows_numbered order by all"
    assert project.query(numbered) == copy.query(numbered), step
    enriched = "select * from main_intermediate.int_leads_enriched order by lead_id"
    assert project.query(enriched) == copy.query(enriched), step
    matches = "select * from main_intermediate.int_lead_account_matches order by lead_id"
    assert project.query(matches) == copy.query(matches), step
    crm_rules = "select * from main_intermediate.int_lead_crm_rules_matched order by lead_id, rule_id"
    assert project.query(crm_rules) == copy.query(crm_rules), step
    repeated = "select key_hash, activity_date, copy_count from main_intermediate.int_event_repeated_keys order by all"
    assert project.query(repeated) == copy.query(repeated), step
    engagement = ("select lead_id, signal, activity_date, event_count "
                  "from main_intermediate.int_lead_engagement_frozen_days "
                  "order by lead_id, signal, activity_date")
    assert project.query(engagement) == copy.query(engagement), step
    accounts = project.engine.query(f"select * from {project.relation('account_scores')} order by account_id")
    full_accounts = copy.engine.query(f"select * from {copy.relation('account_scores')} order by account_id")
    assert accounts[0] == full_accounts[0] and len(accounts[1]) == len(full_accounts[1]) > 0, step
    for got, expected in zip(accounts[1], full_accounts[1]):
        for name, value, wanted in zip(accounts[0], got, expected):
            if isinstance(wanted, float):
                assert value == pytest.approx(wanted, abs=1e-9), (step, got[0], name)
            else:
                assert value == wanted, (step, got[0], name, value, wanted)


def assert_planted_accounts(project: DbtProject) -> None:
    """The generator's named accounts (Generator.plant_account_cases) on the generated data:
    the three buying groups are MQAs with every required role covered; the account whose one
    contact makes hundreds of events is not; the lead at a domain two accounts share is
    matched to neither."""
    accounts = project.query(
        "select account_id, is_mqa, engaged_contacts, buying_group_coverage from main.account_scores "
        "where account_id like 'A_PLANT%' order by account_id")
    assert accounts == [
        ("A_PLANT_GROUP_1", True, 5, 1.0), ("A_PLANT_GROUP_2", True, 5, 1.0), ("A_PLANT_GROUP_3", True, 5, 1.0),
        ("A_PLANT_NOISY", False, 1, 0.25), ("A_PLANT_SHARED_1", False, 0, 0.0), ("A_PLANT_SHARED_2", False, 0, 0.0)]
    noisy_events = project.query(
        "select count(*) from raw.activity_events where lead_id = 'L_PLANT_NOISY'")[0][0]
    assert noisy_events >= 300
    assert project.query(
        "select account_id, no_match_reason from main_intermediate.int_lead_account_matches "
        "where lead_id = 'L_PLANT_SHARED'") == [(None, "ambiguous_domain")]


def edit(project: DbtProject, sql: str) -> None:
    con = duckdb.connect(str(project.db_path))
    con.execute(sql)
    con.close()


def append_day(project: DbtProject, seed: int, late_share: float, late_max_days: int,
               crm_change_share: float = 0.0) -> str:
    con = duckdb.connect(str(project.db_path))
    day = append_next_day(con, seed, events=400, late_share=late_share, late_max_days=late_max_days,
                          crm_change_share=crm_change_share)["day"]
    con.close()
    return day


def test_daily_incremental_runs_equal_a_full_refresh(tmp_path):
    project = DbtProject(tmp_path / "incremental")
    project.workdir.mkdir()
    con = duckdb.connect(str(project.db_path))
    Generator(SIZES["tiny"], seed=7, end_date=END, chunk_leads=10_000, progress=False).run(con)
    con.close()
    project.dbt("seed")
    first = project.dbt("run", *SELECTED, as_of=END.isoformat())
    assert plan_of(first).startswith("rebuild (full build)")
    assert_planted_accounts(project)

    # Day 1: new events, some of them late but inside the open days: a fold. The CRM changes
    # too: a lead's title, a lead deleted, a new lead, an account's industry: int_leads_enriched
    # derives those leads again and keeps the others.
    day = append_day(project, seed=1, late_share=0.2, late_max_days=5)
    edit(project, """
        update raw.crm_leads set job_title = 'Chief Marketing Officer'
        where lead_id = (select min(lead_id) from raw.crm_leads where job_title is not null);
        update raw.crm_leads set is_deleted = true where lead_id = (select max(lead_id) from raw.crm_leads);
        insert into raw.crm_leads
        select * replace ('L_NEW_CRM' as lead_id, 'new.crm.lead@example.org' as email)
        from raw.crm_leads where account_id is not null order by lead_id limit 1;
        update raw.crm_accounts set industry = 'Banking'
        where account_id = (select min(account_id) from raw.crm_leads where account_id is not null)""")
    result = project.dbt("run", *SELECTED, as_of=day)
    assert plan_of(result).startswith("fold")
    assert plan_of(result, "int_leads_enriched").startswith("update (changed leads only)")
    assert plan_of(result, "int_lead_crm_rules_matched").startswith("update (changed leads only)")

    # Day 2: points change in the seed: read-time only, still a fold. Copies of two events
    # arrive too, of one of an open day (late) and of one of the new day: the fold of
    # int_event_repeated_keys finds them, and each event is scored once. A rule on a CRM
    # attribute changes: every lead's CRM rule matches are evaluated again.
    edit(project, "update main.signal_weights set points = points * 2 where signal = 'page_view'")
    edit(project, "update main.scoring_rules set range_min = 150 where rule_id = 'fit_employees_200_999'")
    day = append_day(project, seed=2, late_share=0.0, late_max_days=1)
    edit(project, f"""
        insert into raw.activity_events
        select * from raw.activity_events
        where event_id in (
            select min(event_id) from raw.activity_events
            where cast(occurred_at as date) in (date '{day}' - 2, date '{day}') and lead_id is not null
            group by cast(occurred_at as date)
        )""")
    result = project.dbt("run", *SELECTED, as_of=day)
    assert plan_of(result).startswith("fold")
    assert plan_of(result, "int_event_repeated_keys").startswith("fold")
    assert plan_of(result, "int_lead_crm_rules_matched").startswith(
        "rebuild (seeds, settings or code the state depends on changed)")
    assert project.query("select count(key_hash), sum(copy_count) from main_intermediate.int_event_repeated_keys") == [
        (2, 4)]
    assert_matches_full_refresh(project, tmp_path, "weight_change", day)

    # Days 3 and 4, one run: a half-life changes: the state depends on it, so it is rebuilt.
    # A title pattern changes too: every lead's CRM facts are derived again. Day 4 brings
    # events of days already frozen (up to 40 days late): the rebuild takes them in (days 8
    # and 9 check that changed events of frozen days alone are found).
    edit(project, "update main.signal_weights set half_life_days = 3 where signal = 'email_open'")
    edit(project, "update main.job_title_patterns set priority = priority + 1 where pattern_id = 'seniority_c_level'")
    append_day(project, seed=3, late_share=0.0, late_max_days=1)
    day = append_day(project, seed=4, late_share=0.3, late_max_days=40)
    # Events by email only, 15 days old (frozen by day 5): of an email no lead has yet
    # (quarantined as unmatched_lead), and of the email of a lead whose email changes on day 5.
    edit(project, f"""
        insert into raw.activity_events (event_id, lead_id, email, event_type, occurred_at)
        select 'moved_' || email_kind || '_' || event_type, null, email, event_type,
            timestamp '{day}' - interval 15 day + interval 10 hour
        from (
            select 'new' as email_kind, 'first.seen@example.org' as email
            union all
            select 'edited', (select email from raw.crm_leads where lead_id = '{EMAIL_EDITED_LEAD}')
        ) as emails
        cross join (select unnest(['pricing_page_view', 'trial_signup', 'demo_request']) as event_type);
        -- A copy of one of them with a lead_id (the copy scored) and another email: a refold
        -- must read it too, though only the other copy's pair moves.
        insert into raw.activity_events (event_id, lead_id, email, event_type, occurred_at)
        select event_id, 'L0000001', 'other.copy@example.org', event_type, occurred_at
        from raw.activity_events where event_id = 'moved_new_demo_request'""")
    result = project.dbt("run", *SELECTED, as_of=day)
    assert plan_of(result).startswith("rebuild (seeds or settings the state depends on changed)")
    assert plan_of(result, "int_leads_enriched").startswith(
        "rebuild (seeds, settings or code the state depends on changed)")
    assert plan_of(result, "int_lead_crm_rules_matched").startswith(
        "rebuild (seeds, settings or code the state depends on changed)")

    # Day 5: a fold after the rebuild, on a CRM day as the benchmark appends it
    # (append_crm_changes: status moves, new, deleted and re-delivered leads, accounts
    # resized): the CRM-state models keep up lead by lead. Frozen events change lead: a lead
    # with frozen events is deleted (they leave it), a lead appears with the email of
    # quarantined frozen events (they become its) and a lead's email changes (its frozen
    # events by email are quarantined): the event state folds those leads' events again.
    day = append_day(project, seed=5, late_share=0.1, late_max_days=6, crm_change_share=0.05)
    first_seen = ("select count(*) from main.events_quarantined "
                  "where event_id like 'moved_new_%' and quarantine_reason = 'unmatched_lead'")
    assert project.query(first_seen) == [(2,)]
    edit(project, f"""
        update raw.crm_leads set is_deleted = true
        where lead_id = (select min(lead_id) from main_intermediate.int_lead_signal_history where lead_id like 'L0%');
        update raw.crm_leads set email = 'edited.' || email where lead_id = '{EMAIL_EDITED_LEAD}';
        insert into raw.crm_leads
        select * replace ('L_FIRST_SEEN' as lead_id, 'first.seen@example.org' as email, false as is_deleted)
        from raw.crm_leads where account_id is not null order by lead_id limit 1""")
    result = project.dbt("run", *SELECTED, as_of=day)
    for event_state in ("int_lead_signal_history", "int_lead_signal_recent_days", "int_lead_engagement_frozen_days",
                        "events_quarantined"):
        plan = plan_of(result, event_state)
        assert plan.startswith("fold (fold new frozen days, refold the leads of"), event_state
        assert "reading every frozen event" not in plan, (event_state, plan)
    for crm_state in ("int_lead_rows_numbered", "int_leads_enriched", "int_lead_account_matches"):
        assert plan_of(result, crm_state).startswith("update (changed leads only)"), crm_state
    assert project.query(first_seen) == [(0,)]
    assert project.query("select sum(event_count) from main_intermediate.int_lead_signal_history "
                         "where lead_id = 'L_FIRST_SEEN'") == [(2,)]
    # The same day again, after the CRM moved the same events once more (the new lead deleted):
    # the rerun folds no day and refolds them, from the moves of the first run of the day too.
    edit(project, "update raw.crm_leads set is_deleted = true where lead_id = 'L_FIRST_SEEN'")
    result = project.dbt("run", *SELECTED, as_of=day)
    plan = plan_of(result)
    assert plan.startswith("fold (fold new frozen days, refold the leads of") and "reading every" not in plan, plan
    assert project.query(first_seen) == [(2,)]
    assert_matches_full_refresh(project, tmp_path, "fold_after_rebuild", day)

    # Day 7: a window signal's window shrinks: the stored window days depend on it: rebuilt.
    edit(project, "update main.signal_weights set window_days = 20 where signal = 'trial_signup'")
    day = append_day(project, seed=7, late_share=0.0, late_max_days=1)
    assert plan_of(project.dbt("run", *SELECTED, as_of=day), "int_lead_signal_recent_days").startswith(
        "rebuild (seeds or settings the state depends on changed)")

    # Day 8: on frozen days one event is deleted and one late event arrives: the same number
    # of events, so only a checksum of the events sees it.
    frozen = (dt.date.fromisoformat(day) - dt.timedelta(days=20)).isoformat()
    edit(project, f"""
        delete from raw.activity_events where event_id = (
            select min(event_id) from raw.activity_events
            where occurred_at < timestamp '{frozen}' and event_type = 'pricing_page_view');
        insert into raw.activity_events
        select 'late_' || event_id, lead_id, email, 'demo_request', occurred_at + interval 1 hour, url,
            campaign_id, properties, loaded_at + interval 1 hour
        from raw.activity_events where occurred_at < timestamp '{frozen}' and lead_id is not null
        order by event_id limit 1""")
    day = append_day(project, seed=8, late_share=0.0, late_max_days=1)
    assert plan_of(project.dbt("run", *SELECTED, as_of=day)).startswith("rebuild (events changed on frozen days)")

    # Day 9: an event of a frozen day is edited in place (another type, same count, same ids).
    edit(project, f"""
        update raw.activity_events set event_type = 'contact_sales_request'
        where event_id = (select min(event_id) from raw.activity_events
                          where occurred_at < timestamp '{frozen}' and event_type = 'email_open')""")
    day = append_day(project, seed=9, late_share=0.0, late_max_days=1)
    result = project.dbt("run", *SELECTED, as_of=day)
    assert plan_of(result).startswith("rebuild (events changed on frozen days)")
    # In a build, the owners of frozen pairs run first: the quarantine looks up only the events
    # that can be quarantined (the events of pairs they hold without an owner among them).
    assert "events_quarantined lead lookup: the events that can be quarantined" in result.stdout
    assert_matches_full_refresh(project, tmp_path, "update_in_place_on_frozen_days", day)

    # Days 10 to 12 without a run, then one run: a fold over three days at once, where
    # frozen window days expire and the days that freeze keep only window signals.
    for seed in (10, 11, 12):
        day = append_day(project, seed=seed, late_share=0.1, late_max_days=6)
    result = project.dbt("run", *SELECTED, as_of=day)
    assert plan_of(result, "int_lead_signal_recent_days").startswith("fold")
    assert plan_of(result, "int_lead_engagement_frozen_days").startswith("fold")
    assert_matches_full_refresh(project, tmp_path, "three_days_at_once", day)

    # A frozen event edited to a pair no event had, and events_quarantined run alone: the owners
    # of frozen pairs, not rerun, do not hold that pair, so the quarantine looks every event up
    # (taking the owners' unmatched pairs as the only candidates would miss it).
    edit(project, f"""
        update raw.activity_events set lead_id = 'L_NOBODY', email = 'nobody@example.org'
        where event_id = (
            select min(event_id) from raw.activity_events
            where occurred_at < timestamp '{frozen}' and lead_id is not null and event_type = 'email_open'
                and event_id in (select event_id from raw.activity_events group by event_id having count(*) = 1)
        )""")
    result = project.dbt("run", "--select", "events_quarantined", as_of=day)
    assert plan_of(result, "events_quarantined").startswith("rebuild (events changed on frozen days)")
    assert project.query("select quarantine_reason from main.events_quarantined where source_lead_id = 'L_NOBODY'") == [
        ("unmatched_lead",)]
    assert "events_quarantined lead lookup: every event" in result.stdout


def test_a_loader_stamp_finds_the_changes_on_frozen_days(tmp_path):
    """With var lead_scoring_events_loaded_at naming the loader's stamp, the frozen events'
    count and latest stamp stand for their checksum: a new stamp or a lost row rebuilds the
    state, new days fold, and an edit made without a new stamp is not seen (the documented
    limit, which also shows that the stamps, not every column, are read). Switching back to
    the checksum rebuilds; a column the raw table lacks stops the run naming the var."""
    project = DbtProject(tmp_path / "stamped")
    project.workdir.mkdir()
    con = duckdb.connect(str(project.db_path))
    Generator(SIZES["tiny"], seed=5, end_date=END, chunk_leads=10_000, progress=False).run(con)
    con.close()
    stamped = {"lead_scoring_events_loaded_at": "loaded_at"}
    # Every event-state model plans alike (macros/event_state.sql): the first one is enough.
    model = "int_event_repeated_keys"
    selected = ("--select", f"+{model}")
    project.dbt("seed")
    assert plan_of(project.dbt("run", *selected, as_of=END.isoformat(), dbt_vars=stamped), model).startswith(
        "rebuild (full build)")
    frozen = (END - dt.timedelta(days=20)).isoformat()
    # Two events of frozen days, each seen once: the edits below touch the first, the deletion
    # the second, whose stamp is not the latest, so that only the count shows it is gone.
    an_old_event, another_old_event = ("'{}'".format(value) for value in project.query(
        f"select min(event_id), max(event_id) from raw.activity_events where occurred_at < timestamp '{frozen}' "
        "and event_type = 'email_open' and event_id in "
        "(select event_id from raw.activity_events group by event_id having count(*) = 1)")[0])

    def next_run() -> str:
        day = append_day(project, seed=20, late_share=0.2, late_max_days=3)
        return plan_of(project.dbt("run", *selected, as_of=day, dbt_vars=stamped), model)

    # New days (late ones inside the open days too) fold; so does an edit the loader did not stamp.
    assert next_run().startswith("fold")
    edit(project, f"update raw.activity_events set event_type = 'demo_request' where event_id = {an_old_event}")
    assert next_run().startswith("fold")
    # The same event edited again, stamped by the loader's next sync: the state is rebuilt.
    edit(project, f"""
        update raw.activity_events set event_type = 'content_download',
            loaded_at = (select max(loaded_at) from raw.activity_events) + interval 1 hour
        where event_id = {an_old_event}""")
    assert next_run().startswith("rebuild (events changed on frozen days)")
    # The loader deletes another one: one frozen event fewer.
    edit(project, f"delete from raw.activity_events where event_id = {another_old_event}")
    assert next_run().startswith("rebuild (events changed on frozen days)")
    # Back to the checksum of every column: another method, so a rebuild.
    day = append_day(project, seed=21, late_share=0.0, late_max_days=1)
    assert plan_of(project.dbt("run", *selected, as_of=day), model).startswith(
        "rebuild (seeds or settings the state depends on changed)")
    # A stamp column the raw table does not have.
    edit(project, "alter table raw.activity_events rename column loaded_at to _loaded")
    result = project.dbt("run", *selected, as_of=day, check=False, dbt_vars=stamped)
    assert not result.success
    assert ("var lead_scoring_events_loaded_at: the raw activity_events input" in result.output
            and "has no column 'loaded_at'" in result.output and "_loaded" in result.output), result.output[-3000:]
