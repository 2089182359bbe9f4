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


# The raw contract (models/staging/*/_*__sources.yml) in engine-neutral types; see engines.py.
RAW_COLUMNS = {
    "crm_accounts": [("account_id", "string"), ("name", "string"), ("domain", "string"),
                     ("industry", "string"), ("employee_count", "bigint"), ("annual_revenue", "double"),
                     ("country", "string"), ("is_customer", "boolean"), ("created_at", "timestamp"),
                     ("updated_at", "timestamp")],
    "crm_leads": [("lead_id", "string"), ("account_id", "string"), ("email", "string"),
                  ("first_name", "string"), ("last_name", "string"), ("job_title", "string"),
                  ("country", "string"), ("lead_source", "string"), ("status", "string"),
                  ("is_email_opt_out", "boolean"), ("is_deleted", "boolean"), ("created_at", "timestamp"),
                  ("updated_at", "timestamp"), ("extra_column", "string")],
    "crm_lead_status_history": [("lead_id", "string"), ("status", "string"), ("changed_at", "timestamp")],
    "crm_opportunities": [("opportunity_id", "string"), ("account_id", "string"), ("lead_id", "string"),
                          ("stage", "string"), ("amount", "double"), ("is_closed", "boolean"),
                          ("is_won", "boolean"), ("created_at", "timestamp"), ("closed_at", "timestamp")],
    "activity_events": [("event_id", "string"), ("lead_id", "string"), ("email", "string"),
                        ("event_type", "string"), ("occurred_at", "timestamp"), ("url", "string"),
                        ("campaign_id", "string"), ("properties", "string")],
}


def raw_tables() -> dict[str, tuple[list[tuple[str, str]], list[tuple]]]:
    """Table name -> (columns, rows) of the fixture, every row as wide as its table."""
    created = "2025-01-01 00:00:00"
    return {
        "crm_accounts": (RAW_COLUMNS["crm_accounts"], [row + (created, created) for row in ACCOUNTS]),
        "crm_leads": (RAW_COLUMNS["crm_leads"], [
            row[:3] + ("First", "Last") + row[3:] + (row[-1], "extra columns are allowed") for row in LEADS]),
        "crm_lead_status_history": (RAW_COLUMNS["crm_lead_status_history"], list(STATUS_HISTORY)),
        "crm_opportunities": (RAW_COLUMNS["crm_opportunities"], list(OPPORTUNITIES)),
        "activity_events": (RAW_COLUMNS["activity_events"], [
            row[:6] + (None,) + row[6:] for row in EVENTS]),
    }


def write_fixture(path: str) -> None:
    """Writes the raw contract (schema raw) into the DuckDB file at path."""
    from engines import DuckDBEngine

    DuckDBEngine(path).write_raw(raw_tables())
