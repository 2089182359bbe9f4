"""Several consecutive scoring days on the fixture: the history, deltas, trend, MQL
episodes and time in segment of named leads (scores computed by hand)."""

from __future__ import annotations

import datetime as dt

import pytest

import conftest
from conftest import DbtProject
from fixture_data import raw_tables

DAYS = ["2026-06-16", "2026-06-20", "2026-06-23", "2026-06-30"]
HOT_FIT = 70
# L_HOT intent per day: pricing views (half-life 14), the demo of 06-20 (linear, 60
# days) and, on 06-30, two email opens of the day.
HOT_TOTAL = {
    "2026-06-16": HOT_FIT + 10,
    "2026-06-20": HOT_FIT + 10 * 2 ** (-4 / 14) + 25,
    "2026-06-23": HOT_FIT + 10 * 2 ** (-7 / 14) + 25 * (1 - 3 / 60),
    "2026-06-30": HOT_FIT + 2 * 10 + 10 * 0.5 + 25 * (1 - 10 / 60) + 2,
}
HAND_TOTAL = {"2026-06-23": 35, "2026-06-30": 35 + 25 * (1 - 2 / 60)}


# The history marts and what they read: the account, evaluation and quality marts would only
# add time to every run here.
HISTORY = ("--select", "+lead_scores", "+lead_score_changes", "+mql_sla")


@pytest.fixture(scope="module")
def scored_days(tmp_path_factory):
    project = DbtProject(tmp_path_factory.mktemp("history"), engine=conftest.ENGINE)
    project.write_raw(raw_tables())
    project.dbt("seed")
    for day in DAYS:
        project.dbt("run", *HISTORY, as_of=day)
    return project


def test_history_holds_one_row_per_lead_and_scored_day(scored_days):
    rows = scored_days.query(
        f"select as_of, total_score, segment, is_mql from {scored_days.relation('lead_score_history')} "
        "where lead_id = 'L_HOT' order by as_of")
    assert [row[0].isoformat() for row in rows] == DAYS
    for (day, total, segment, is_mql) in rows:
        assert total == pytest.approx(HOT_TOTAL[day.isoformat()], abs=1e-9)
        assert (segment, is_mql) == ("A", True)


def test_rerunning_a_day_replaces_it(scored_days):
    scored_days.dbt("run", *HISTORY, as_of="2026-06-23")
    count = scored_days.query(
        f"select count(*) from {scored_days.relation('lead_score_history')} where as_of = date '2026-06-23'")
    leads = scored_days.query(f"select count(*) from {scored_days.relation('lead_scores')}")
    assert count == leads
    total = scored_days.query(f"select total_score from {scored_days.relation('lead_score_history')} "
                              "where lead_id = 'L_HOT' and as_of = date '2026-06-23'")
    assert total[0][0] == pytest.approx(HOT_TOTAL["2026-06-23"], abs=1e-9)
    scored_days.dbt("run", *HISTORY, as_of="2026-06-30")


def test_trends_of_named_leads(scored_days):
    trends = scored_days.rows_by_lead("lead_scores")
    hot = trends["L_HOT"]
    assert hot["score_delta_7d"] == pytest.approx(HOT_TOTAL["2026-06-30"] - HOT_TOTAL["2026-06-23"], abs=1e-9)
    assert hot["score_trend"] == "rising"
    # An MQL on every scored day since 06-16, in segment A since then.
    assert (hot["first_mql_at"], hot["mql_at"]) == (dt.date(2026, 6, 16), dt.date(2026, 6, 16))
    assert hot["days_in_segment"] == 14
    # An SQL (strong recent intent), so not recycled although an MQL for 14 days.
    assert (hot["lifecycle_status"], hot["is_recycled"]) == ("sql", False)
    hand = trends["L_HAND"]
    # Raised its hand on 06-28: a new MQL episode and a new segment (B) on 06-30.
    assert hand["score_delta_7d"] == pytest.approx(HAND_TOTAL["2026-06-30"] - HAND_TOTAL["2026-06-23"], abs=1e-9)
    assert (hand["score_trend"], hand["mql_at"], hand["days_in_segment"]) == ("rising", dt.date(2026, 6, 30), 0)
    # L_TEST was created on 06-01 and never changes: steady, suppressed, never an MQL.
    assert (trends["L_TEST"]["score_trend"], trends["L_TEST"]["first_mql_at"]) == ("steady", None)


def test_mql_sla_measures_the_first_sales_touch_of_each_episode(scored_days):
    sla = {row[0]: row[1:] for row in scored_days.query(
        "select lead_id, mql_started_on, segment_at_mql, sla_hours, hours_to_first_touch, is_breached "
        f"from {scored_days.relation('mql_sla')} where lead_id in ('L_HOT', 'L_HAND')")}
    # L_HOT: an A lead since 06-16, never touched: 360 hours waited by the end of 06-30.
    assert sla["L_HOT"] == (dt.date(2026, 6, 16), "A", 24, None, True)
    # L_HAND: a B lead from 06-30, set to Working at 10:00 the same day: 10 hours of 72.
    assert sla["L_HAND"] == (dt.date(2026, 6, 30), "B", 72, 10, False)


def test_changes_list_only_leads_whose_segment_flags_or_reasons_moved(scored_days):
    changes = scored_days.rows_by_lead("lead_score_changes")
    assert changes["L_HAND"]["previous_segment"] == "C" and changes["L_HAND"]["segment"] == "B"
    assert (changes["L_HAND"]["previous_is_mql"], changes["L_HAND"]["is_mql"]) == (False, True)
    assert "L_TEST" not in changes  # scored the same way on 06-23 and 06-30
    # The reasons' text of both days comes from the history (the timeline keeps the rule ids).
    history = {(row[0], row[1]): row[2] for row in scored_days.query(
        f"select lead_id, as_of, top_reasons from {scored_days.relation('lead_score_history')} "
        "where lead_id = 'L_HAND'")}
    hand = changes["L_HAND"]
    assert hand["top_reasons"] and hand["top_reasons"] == history[("L_HAND", hand["as_of"])]
    assert hand["previous_top_reasons"] and hand["previous_top_reasons"] == history[("L_HAND", hand["previous_as_of"])]


TIMELINE = ("select lead_id, as_of, previous_as_of, previous_segment, previous_is_mql, previous_is_sql, "
            "previous_top_reason_ids, first_mql_on, last_mql_start, last_segment_start, has_sql_since_mql_start "
            "from {} order by lead_id, as_of")


def timeline_plan(result) -> str:
    lines = [line for line in result.stdout.splitlines() if "lead_score_timeline: " in line]
    return lines[-1].split("lead_score_timeline: ", 1)[1] if lines else "table (rebuilt on every run)"


@pytest.mark.not_spark("the timeline is a table rebuilt on every run there: nothing is folded")
def test_timeline_folds_equal_a_rebuild(scored_days):
    """The timeline is folded day by day (and from an earlier day when one is re-run):
    the same rows as deriving every day again from the history."""
    # Re-running 06-23 re-derives 06-23 and 06-30 (read again from the history).
    plan = timeline_plan(scored_days.dbt("run", *HISTORY, as_of="2026-06-23"))
    assert plan.startswith("fold (derive from 2026-06-23)"), plan
    plan = timeline_plan(scored_days.dbt("run", *HISTORY, as_of="2026-06-30"))
    assert plan.startswith("fold (derive from 2026-06-30; one day)"), plan
    folded = scored_days.query(TIMELINE.format(scored_days.relation("lead_score_timeline")))
    assert len({row[1] for row in folded}) == len(DAYS)
    scored_days.dbt("run", "--select", "lead_score_timeline", "--full-refresh", as_of="2026-06-30")
    assert scored_days.query(TIMELINE.format(scored_days.relation("lead_score_timeline"))) == folded
