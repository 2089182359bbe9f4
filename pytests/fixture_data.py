"""A small raw dataset whose scores are computed by hand in test_end_to_end.py.

Scoring date 2026-06-30. Named leads:
  L_HOT    great fit, pricing + demo + email opens; one event matched by email only
  L_DUP    same email as L_HOT, created later: events by email go to L_HOT
  L_GATE   strong intent, tiny retail company: held back by the ICP gate
  L_HAND   contact-sales request with acceptable fit: an MQL through the hand-raiser rule
  L_SUPP   works for a competitor: suppressed
  L_COLD   free-mail student, inactive for 121 days
  L_SALES  sales accepted it on 2026-06-25: an SQL from then on
  L_GONE   deleted in the CRM: not scored, its events quarantined
  L_TEST   test-looking address (test.account@...): suppressed
"""

from __future__ import annotations

import duckdb

ACCOUNTS = [
    # account_id, name, domain, industry, employee_count, annual_revenue, country, is_customer
    ("A1", "Acme", "acme.io", "Software", 500, 60_000_000.0, "US", False),
    ("A2", "Tiny Shop", "tiny.shop", "Retail", 5, 100_000.0, "BR", False),
    ("A3", "Rival", "rivalscore.io", "software", 300, 20_000_000.0, "US", False),
]

LEADS = [
    # lead_id, account_id, email, job_title, country, lead_source, status, opt_out, deleted, created_at
    ("L_HOT", "A1", "Jane.Doe@Acme.io", "VP Marketing", "US", "Referral", "Working", False, False, "2026-01-01 09:00:00"),
    ("L_DUP", None, " jane.doe@acme.io", None, None, "web", "New", False, False, "2026-03-01 09:00:00"),
    ("L_GATE", "A2", "bob@tiny.shop", "Shop Owner", None, "web", "New", False, False, "2026-05-01 09:00:00"),
    ("L_HAND", "A1", "sam@acme.io", None, None, "web", "New", False, False, "2026-06-01 09:00:00"),
    ("L_SUPP", "A3", "spy@rivalscore.io", "Head of Growth", "US", "web", "New", False, False, "2026-06-01 09:00:00"),
    ("L_COLD", None, "kid@gmail.com", "Student", "DE", "web", "New", False, False, "2025-12-01 09:00:00"),
    ("L_SALES", "A1", "lee@acme.io", "Data Analyst", None, "event", "Sales Accepted", False, False, "2026-02-01 09:00:00"),
    ("L_GONE", "A1", "gone@acme.io", "CEO", "US", "web", "New", False, True, "2026-01-01 09:00:00"),
    ("L_TEST", "A1", "Test.Account@acme.io", "Marketing Manager", "US", "web", "New", False, False, "2026-06-01 09:00:00"),
]

STATUS_HISTORY = [
    ("L_HAND", "Working", "2026-06-30 10:00:00"),
    ("L_SALES", "New", "2026-02-01 09:00:00"),
    ("L_SALES", "Sales Accepted", "2026-06-25 10:00:00"),
]

OPPORTUNITIES = [
    # A won deal of A1, closed before the scoring date: not an open opportunity.
    ("O1", "A1", None, "Closed Won", 50_000.0, True, True, "2026-01-10 00:00:00", "2026-03-01 00:00:00"),
]

EVENTS = [
    # event_id, lead_id, email, event_type, occurred_at, url, properties
    ("e01", "L_HOT", None, "page_view", "2026-06-30 08:00:00", "https://www.example.com/pricing?x=1", None),
    ("e02", "L_HOT", None, "page_view", "2026-06-30 09:00:00", "/Pricing/enterprise", None),
    ("e03", "L_HOT", None, "page_view", "2026-06-16 09:00:00", "/pricing", None),
    ("e04", "L_HOT", None, "form_submit", "2026-06-20 09:00:00", "/demo", '{"form_type": "demo"}'),
    ("e05", "L_HOT", None, "email_open", "2026-06-30 07:00:00", None, None),
    ("e06", None, "  JANE.DOE@acme.io ", "email_opened", "2026-06-30 07:30:00", None, None),
    ("e07", "L_HOT", None, "page_view", "2026-07-01 09:00:00", "/pricing", None),
    ("e08", "L_HOT", None, "chat_started", "2026-06-29 09:00:00", None, None),
    ("e09", "L_HOT", None, "email_open", None, None, None),
    ("e10", "L_GATE", None, "demo_request", "2026-06-29 10:00:00", None, None),
    ("e11", "L_GATE", None, "pricing_page_view", "2026-06-29 10:01:00", None, None),
    ("e12", "L_GATE", None, "pricing_page_view", "2026-06-29 10:02:00", None, None),
    ("e13", "L_GATE", None, "pricing_page_view", "2026-06-29 10:03:00", None, None),
    ("e14", "L_GATE", None, "webinar_attended", "2026-06-25 15:00:00", None, None),
    ("e15", "L_HAND", None, "contact_sales_request", "2026-06-28 11:00:00", None, None),
    ("e16", "L_SUPP", None, "page_view", "2026-06-30 12:00:00", "/pricing", None),
    ("e17", "L_COLD", None, "page_view", "2026-03-01 12:00:00", "/blog/post", None),
    ("e18", "L_GONE", None, "page_view", "2026-06-30 12:00:00", "/pricing", None),
    ("e19", None, "stranger@nowhere.org", "page_view", "2026-06-30 12:00:00", "/pricing", None),
    ("e20", "L_HOT", None, "page_view", "2099-01-01 00:00:00", "/pricing", None),
]


def write_fixture(path: str) -> None:
    """Writes the raw contract (schema raw) into the DuckDB file at path."""
    con = duckdb.connect(path)
    con.execute("create schema if not exists raw")
    con.execute("""
        create or replace table raw.crm_accounts (
            account_id varchar, name varchar, domain varchar, industry varchar,
            employee_count bigint, annual_revenue double, country varchar, is_customer boolean,
            created_at timestamp, updated_at timestamp)""")
    con.executemany("insert into raw.crm_accounts values (?, ?, ?, ?, ?, ?, ?, ?, "
                    "timestamp '2025-01-01', timestamp '2025-01-01')", ACCOUNTS)
    con.execute("""
        create or replace table raw.crm_leads (
            lead_id varchar, account_id varchar, email varchar, first_name varchar,
            last_name varchar, job_title varchar, country varchar, lead_source varchar,
            status varchar, is_email_opt_out boolean, is_deleted boolean,
            created_at timestamp, updated_at timestamp, extra_column varchar)""")
    con.executemany("insert into raw.crm_leads values (?, ?, ?, 'First', 'Last', ?, ?, ?, ?, ?, ?, "
                    "cast(? as timestamp), cast(? as timestamp), 'extra columns are allowed')",
                    [row + (row[-1],) for row in LEADS])
    con.execute("""
        create or replace table raw.crm_lead_status_history (
            lead_id varchar, status varchar, changed_at timestamp)""")
    con.executemany("insert into raw.crm_lead_status_history values (?, ?, cast(? as timestamp))",
                    STATUS_HISTORY)
    con.execute("""
        create or replace table raw.crm_opportunities (
            opportunity_id varchar, account_id varchar, lead_id varchar, stage varchar,
            amount double, is_closed boolean, is_won boolean,
            created_at timestamp, closed_at timestamp)""")
    con.executemany("insert into raw.crm_opportunities values (?, ?, ?, ?, ?, ?, ?, "
                    "cast(? as timestamp), cast(? as timestamp))", OPPORTUNITIES)
    con.execute("""
        create or replace table raw.activity_events (
            event_id varchar, lead_id varchar, email varchar, event_type varchar,
            occurred_at timestamp, url varchar, campaign_id varchar, properties varchar)""")
    con.executemany("insert into raw.activity_events values (?, ?, ?, ?, cast(? as timestamp), ?, null, ?)",
                    EVENTS)
    con.close()
