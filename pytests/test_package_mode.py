"""Package mode: integration_tests/ installs this project as a package (packages.yml, local: ../)
and builds it on a fixture of each raw shape: the canonical contract read through the per-table
vars, HubSpot, Salesforce and Dynamics 365 read through their adapters. Each shape gets its own DuckDB file;
the scores of named leads are computed by hand from the default seeds (scoring date 2026-06-30).
"""

from __future__ import annotations

import json

import duckdb
import pytest

from conftest import PROJECT_DIR
from test_dynamics365 import LEAD, assert_dataverse_staged
from lead_scoring_tools.ops.dbt_invoke import AS_OF_ENV, invoke, parse

pytestmark = pytest.mark.duckdb_only

HOST = PROJECT_DIR / "integration_tests"
CANONICAL_VARS = {f"lead_scoring_{table}": "{{ ref('" + table + "') }}" for table in (
    "crm_accounts", "crm_leads", "crm_opportunities", "crm_lead_status_history", "activity_events")}
PACKAGE_SCHEMA = "main_lead_scoring"
# An adapter changes only the staging layer: its fixture builds what the checks read (the
# lead and account scores, the quarantines, and everything they need, with their data
# tests). The canonical fixture builds the whole package and the host's own model.
ADAPTER_BUILD = ("--select", "+lead_scores", "+account_scores", "+events_quarantined", "+leads_quarantined",
                 "+accounts_quarantined")


@pytest.fixture(scope="module", autouse=True)
def installed_package():
    """dbt deps once for the module: it links the package (local: ../) into dbt_packages."""
    result = invoke(["deps"], project_dir=HOST, env=host_env())
    assert result.success, result.output[-3000:]


def host_env(db_path=None) -> dict:
    return {"LEAD_SCORING_DB": str(db_path) if db_path else None, "LEAD_SCORING_TARGET": "duckdb",
            "DBT_PROFILES_DIR": str(PROJECT_DIR / "profiles"), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
            "DBT_WRITE_JSON": "false", "DBT_LOG_LEVEL_FILE": "none", AS_OF_ENV: None}


def build(tmp_path, system: str, extra_vars: dict | None = None,
          build_args: tuple[str, ...] = ()) -> duckdb.DuckDBPyConnection:
    db_path = tmp_path / f"{system}.duckdb"
    env = host_env(db_path)
    variables = json.dumps({"lead_scoring_source_system": system, **(extra_vars or {})})
    paths = ["--target-path", str(tmp_path / f"target_{system}"), "--log-path", str(tmp_path / "logs")]
    # Seeds first: the adapters' staging views read the host's seeds as their sources.
    # The package's unit tests run in make test's build of the demo data (and pin the package's own
    # seeds, which a host that replaces one, as the HubSpot case does, no longer has).
    build_args = ("--exclude-resource-type", "unit_test", *build_args)
    # One parse for both commands (about 8 s each otherwise).
    manifest = parse(["--vars", variables, *paths], project_dir=HOST, env=env)
    for command in (["seed", "--vars", variables, *paths], ["build", "--vars", variables, *paths, *build_args]):
        result = invoke(command, project_dir=HOST, env=env, manifest=manifest)
        assert result.success, f"dbt {command[0]} ({system}):\n{result.output[-5000:]}"
    return duckdb.connect(str(db_path), read_only=True)


def scores(con) -> dict[str, tuple]:
    rows = con.execute(
        "select lead_id, fit_score, intent_score, negative_score, segment, is_mql, mql_reason, sql_reason, "
        f"lifecycle_stage, population from {PACKAGE_SCHEMA}.lead_scores order by lead_id").fetchall()
    return {row[0]: row[1:] for row in rows}


def quarantined(con) -> list[tuple]:
    return con.execute(f"select event_id, quarantine_reason from {PACKAGE_SCHEMA}.events_quarantined "
                       "order by event_id").fetchall()


def assert_accounts_scored(con) -> None:
    """The adapter's companies or accounts reach account_scores, one row each, and its leads
    count for them."""
    staged = con.execute(f"select account_id from {PACKAGE_SCHEMA}.stg_lead_scoring__crm_accounts "
                         "order by 1").fetchall()
    scored = con.execute(f"select account_id, known_contacts from {PACKAGE_SCHEMA}.account_scores "
                         "order by 1").fetchall()
    assert [row[0] for row in scored] == [row[0] for row in staged]
    assert sum(row[1] for row in scored) > 0


def test_canonical_tables_through_the_per_table_vars(tmp_path):
    con = build(tmp_path, "canonical", CANONICAL_VARS)
    got = scores(con)
    assert sorted(got) == ["L_COLD", "L_DUP", "L_GATE", "L_HAND", "L_HOT", "L_SALES", "L_SUPP", "L_TEST"]
    # The hand-computed scores of test_end_to_end.py, now through the package.
    assert got["L_HOT"][:2] == (70, pytest.approx(2 * 10 + 10 * 0.5 + 25 * (1 - 10 / 60) + 2, abs=1e-9))
    assert got["L_HOT"][3:7] == ("A", True, "score_and_fit", "mql_strong_intent")
    assert got["L_HAND"][5] == "hand_raiser"
    assert quarantined(con) == [("e08", "unmapped_event_type"), ("e09", "missing_occurred_at"),
                                ("e18", "unmatched_lead"), ("e19", "unmatched_lead"), ("e20", "occurred_in_future")]
    # The host's own model reads the package's output; the host's schema holds no package model.
    assert con.execute("select lead_id from main.mqls_to_sync order by 1").fetchall() == [("L_HAND",), ("L_HOT",)]
    host_tables = {row[0] for row in con.execute(
        "select table_name from information_schema.tables where table_schema = 'main'").fetchall()}
    assert host_tables == {"mqls_to_sync"}
    con.close()


def test_hubspot_shaped_tables_with_the_hosts_own_signal_weights(tmp_path):
    # The host's copy of signal_weights, where an email click is worth 6 points instead of 3.
    con = build(tmp_path, "hubspot", {"lead_scoring_signal_weights": "{{ ref('my_signal_weights') }}"},
                build_args=ADAPTER_BUILD)
    got = scores(con)
    # Contact 3 is deleted; contacts are leads.
    assert sorted(got) == ["1", "2", "4"]
    # 1: VP +15, marketing +10, 500 employees +15, revenue 60M +5, COMPUTER_SOFTWARE +10, US +10,
    # REFERRALS +5; email open and click today (1 + 6), a form 10 days ago (5 x 2^(-10/30)).
    assert got["1"][:3] == (70, pytest.approx(1 + 6 + 5 * 2 ** (-10 / 30), abs=1e-9), 0)
    assert got["1"][7:] == ("working", "prospect")  # IN_PROGRESS
    # 4: a customer's CFO whose status is OPEN_DEAL: sales accepted, so an SQL whatever the score.
    assert got["4"][1] == pytest.approx(5 * 2 ** (-5 / 30), abs=1e-9)
    assert got["4"][6:] == ("sales_stage", "sales_accepted", "customer")
    # 2: one email open 121 days ago (half-life 14).
    assert got["2"][1] == pytest.approx(2 ** (-121 / 14), abs=1e-12)
    # DELIVERED has no mapping and a stranger opened an email: quarantined, not dropped.
    assert quarantined(con) == [("hubspot_email_5003", "unmapped_event_type"),
                                ("hubspot_email_5004", "unmatched_lead")]
    history = con.execute(f"select lead_id, crm_status from {PACKAGE_SCHEMA}.stg_lead_scoring__crm_lead_status_history "
                          "order by lead_id, changed_at").fetchall()
    assert history == [("1", "new"), ("1", "in_progress"), ("4", "open_deal")]
    opportunities = con.execute(f"select opportunity_id, account_id, is_won from "
                                f"{PACKAGE_SCHEMA}.stg_lead_scoring__crm_opportunities order by 1").fetchall()
    assert opportunities == [("9001", "101", True), ("9002", "103", False)]  # 9003 is deleted
    assert_accounts_scored(con)
    con.close()


def test_salesforce_shaped_tables(tmp_path):
    con = build(tmp_path, "salesforce", build_args=ADAPTER_BUILD)
    got = scores(con)
    assert sorted(got) == ["00Q1", "00Q2", "00Q4"]  # 00Q3 is deleted
    # 00Q1: same fit as HubSpot's contact 1 (Partner is a referral source); attended a webinar
    # 5 days ago (15 x 2^(-5/45)) and responded to a campaign today (8).
    assert got["00Q1"][:3] == (70, pytest.approx(15 * 2 ** (-5 / 45) + 8, abs=1e-9), 0)
    assert got["00Q1"][3:6] == ("A", True, "score_and_fit")
    # 00Q4 was converted into a customer account.
    assert got["00Q4"][6:] == ("sales_stage", "converted", "customer")
    assert quarantined(con) == [("salesforce_campaign_member_00v4", "unmatched_lead")]
    accounts = con.execute(f"select account_id, account_domain, is_customer from "
                           f"{PACKAGE_SCHEMA}.stg_lead_scoring__crm_accounts order by 1").fetchall()
    assert accounts == [("001A", "acme.io", False), ("001B", "bigcustomer.com", True)]
    assert_accounts_scored(con)
    con.close()


def test_dynamics365_dataverse_export(tmp_path):
    """Dataverse tables as Azure Synapse Link exports them in append-only mode: the staged tables
    (assert_dataverse_staged, shared with the other engines' run), the scores of named leads and
    the quarantine."""
    con = build(tmp_path, "dynamics365", build_args=ADAPTER_BUILD)
    lead = LEAD
    got = scores(con)
    assert sorted(got) == [lead[1], lead[2], lead[4], lead[5]]  # lead 3's last version deletes it
    # 1: its current version is a VP (an older one a manager): VP +15, marketing +10; Acme now
    # has 500 employees (+15; 40 in its older version), revenue 60M +5, industry 7 = Software
    # (the local label, not the global one) +10, US +10, leadsourcecode 4 = Partner +5.
    # An appointment 5 days ago (meeting_booked, window 30: 30) and an email from the lead
    # today (contact_sales_request, linear over 60 days: 25).
    assert got[lead[1]][:3] == (70, pytest.approx(30 + 25, abs=1e-9), 0)
    assert got[lead[1]][3:6] == ("A", True, "score_and_fit")
    assert got[lead[1]][7] == "working"  # statuscode 2 = Contacted
    # 2: called us 10 days ago (25 x (1 - 10/60)).
    assert got[lead[2]][1] == pytest.approx(25 * (1 - 10 / 60), abs=1e-9)
    # 4: qualified (statuscode 3) into a contact of Big Customer, a customer (customertypecode 3):
    # CFO +20, 2000 employees +20, revenue +5, industry 6 = Financial Services (a global choice)
    # +10, GB +10; donotbulkemail in its current version (-10); the contact wrote 5 days ago.
    assert got[lead[4]][:3] == (65, pytest.approx(25 * (1 - 5 / 60), abs=1e-9), -10)
    assert got[lead[4]][6:] == ("sales_stage", "sales_qualified", "customer")
    assert got[lead[5]][7] == "disqualified"  # statuscode 5 = Cannot Contact
    assert_dataverse_staged(lambda name: f"{PACKAGE_SCHEMA}.{name}", lambda sql: con.execute(sql).fetchall())
    # An email the organisation sent is a sales touch, not intent: quarantined, not dropped; an
    # appointment with a lead that is not there is unmatched. The canceled call, the deleted
    # draft and the email about an account are no lead events.
    assert quarantined(con) == [("dynamics365_appointment_70000000-0000-0000-0000-000000000002", "unmatched_lead"),
                                ("dynamics365_email_50000000-0000-0000-0000-000000000002", "unmapped_event_type")]
    assert_accounts_scored(con)
    con.close()
