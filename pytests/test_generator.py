"""The demo data generator: every date inside the data window and in a possible order (events
after their lead's creation, status changes after it, opportunities created before they close),
so the demo's SLA, SQL and outcome figures mean something."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from lead_scoring_tools.demo.generate import SIZES, Generator

END = dt.date(2026, 6, 30)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    path = tmp_path_factory.mktemp("generator") / "tiny.duckdb"
    con = duckdb.connect(str(path))
    Generator(SIZES["tiny"], seed=3, end_date=END, chunk_leads=10_000, progress=False).run(con)
    yield con
    con.close()


def one(con, sql: str):
    return con.execute(sql).fetchone()


def test_every_date_lies_in_the_data_window(tiny):
    start = one(tiny, "select min(created_at) from raw.crm_leads")[0]
    assert start.date() >= END - dt.timedelta(days=3 * 366)
    for table, column in [("crm_leads", "created_at"), ("crm_lead_status_history", "changed_at"),
                          ("crm_opportunities", "created_at"), ("crm_opportunities", "closed_at"),
                          ("activity_events", "occurred_at")]:
        low, high = one(tiny, f"select min({column}), max({column}) from raw.{table}")
        assert low >= start - dt.timedelta(days=400), (table, column, low)
        assert high.date() <= END + dt.timedelta(days=1), (table, column, high)


def test_nothing_happens_to_a_lead_before_it_was_created(tiny):
    # Web activity may precede the lead by up to 30 days (a tracker stitches a visitor's
    # earlier visits to the lead it becomes), never more; status changes never precede it.
    early_events = one(tiny, """select count(*) from raw.activity_events as events
        inner join raw.crm_leads as leads on events.lead_id = leads.lead_id
        where events.occurred_at < leads.created_at - interval 30 days""")[0]
    early_changes = one(tiny, """select count(*) from raw.crm_lead_status_history as history
        inner join raw.crm_leads as leads on history.lead_id = leads.lead_id
        where history.changed_at < leads.created_at""")[0]
    assert (early_events, early_changes) == (0, 0)


def test_opportunities_close_after_they_open(tiny):
    assert one(tiny, "select count(*) from raw.crm_opportunities where closed_at < created_at")[0] == 0
    assert one(tiny, "select count(*) from raw.crm_opportunities")[0] > 0
