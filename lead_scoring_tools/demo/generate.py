"""Deterministic demo-data generator for the raw contract (schema ``raw``).

Writes crm_accounts, crm_leads, crm_opportunities, crm_lead_status_history and
activity_events into a DuckDB file. The same ``--seed`` and ``--size`` always give
the same rows. Shapes are realistic rather than uniform: activity per lead is
heavily skewed, accounts have several contacts, a share of leads use free-mail,
disposable or test addresses, some are students, freelancers or job seekers, some
unsubscribe or bounce.

Outcomes follow a planted truth, so that the evaluation has something known to find. Each
lead with an account opens an opportunity with probability
``logistic(TRUTH_INTERCEPT + TRUTH_FIT x fit + TRUTH_INTENT x intent + TRUTH_FREELANCER x
freelancer)``, where fit comes from the title (TITLES), the company size (log10 employees / 2),
a target industry (+0.5) and free mail (-0.6), intent is the latent activity level that also
drives how many events the lead makes, and freelancer is a freelance or independent title.
The freelancer effect is planted against the default rule neg_freelancer (-15 points): the
evaluation must flag that rule as pointing the wrong way. An opportunity opens after the
behaviour that drives it: 1 to 14 days after 60 % of the lead's events had happened (or, for
a lead with no events, after an exponential wait of 45 days on average from its creation).
``raw.demo_truth`` keeps each lead's true log-odds for the tests; nothing in the project reads it.

Events are generated in chunks of leads with NumPy and turned into strings inside
DuckDB, so memory stays flat whatever the size; they are then stored in time order
(as an event log holds them) by a sort that DuckDB spills to disk beyond its memory
limit (LEAD_SCORING_DUCKDB_MEMORY_LIMIT, 3GB by default).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Size:
    leads: int
    events: int
    history_days: int


SIZES: dict[str, Size] = {
    "tiny": Size(leads=500, events=20_000, history_days=365),
    "small": Size(leads=5_000, events=250_000, history_days=365),
    "demo": Size(leads=20_000, events=1_000_000, history_days=365),
    "medium": Size(leads=100_000, events=5_000_000, history_days=365),
    "large": Size(leads=1_000_000, events=20_000_000, history_days=365),
    "xl": Size(leads=1_000_000, events=100_000_000, history_days=730),
}

DEFAULT_END_DATE = dt.date(2026, 6, 30)

INDUSTRIES = ["technology", "software", "financial services", "fintech", "retail",
              "manufacturing", "healthcare", "education", "non-profit", "government",
              "media", "logistics"]
INDUSTRY_P = [0.16, 0.14, 0.08, 0.04, 0.1, 0.1, 0.1, 0.07, 0.04, 0.04, 0.07, 0.06]
COUNTRIES = ["US", "GB", "DE", "FR", "NL", "CA", "AU", "SE", "IN", "BR", "PL", "ES", "JP", "ZZ"]
COUNTRY_P = [0.34, 0.1, 0.09, 0.06, 0.04, 0.05, 0.04, 0.02, 0.08, 0.05, 0.04, 0.04, 0.03, 0.02]
# The planted truth of the outcomes (see the module docstring).
TRUTH_INTERCEPT = -5.6
TRUTH_FIT = 1.3
TRUTH_INTENT = 1.1
TRUTH_FREELANCER = 2.0
FREELANCE_TITLES = ("Freelance Designer", "Independent Consultant")

# Titles with a latent fit contribution (second item) used to drive outcomes.
TITLES = [
    ("CEO", 1.0), ("Chief Marketing Officer", 1.2), ("CTO", 0.8), ("VP Marketing", 1.2),
    ("VP of Sales", 0.9), ("Head of Marketing", 1.3), ("Head of Growth", 1.1),
    ("Director of Demand Generation", 1.1), ("Marketing Director", 1.0),
    ("Revenue Operations Manager", 1.0), ("Marketing Manager", 0.8), ("Sales Manager", 0.5),
    ("Marketing Operations Specialist", 0.6), ("Content Marketing Specialist", 0.4),
    ("Software Engineer", 0.0), ("Data Analyst", 0.1), ("Account Executive", 0.3),
    ("Office Coordinator", -0.2), ("Founder", 0.7), ("Student", -1.5),
    ("Marketing Intern", -1.2), ("Freelance Designer", 0.0), ("Independent Consultant", 0.0),
    ("Seeking new opportunities", -1.5), ("HR Manager", -0.4), ("Financial Controller", -0.1),
    ("", -0.3),
]
TITLE_P = np.array([2, 1.5, 1.5, 2, 2, 2.5, 1.5, 2, 2, 2.5, 6, 4, 4, 4, 8, 6, 4, 3, 1.5, 2,
                    1.5, 1.5, 1.5, 1, 2.5, 2, 8], dtype=float)
TITLE_P /= TITLE_P.sum()
SOURCES = ["web", "organic_search", "paid_search", "referral", "partner", "event", "list_import"]
SOURCE_P = [0.3, 0.2, 0.15, 0.08, 0.05, 0.12, 0.1]
FREE_MAIL = ["gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com", "gmx.de"]
DISPOSABLE = ["mailinator.com", "yopmail.com", "10minutemail.com"]
COMPETITORS = ["rivalscore.io", "leadrank.com"]
FIRST = ["anna", "ben", "carla", "dev", "eva", "farid", "grace", "hugo", "ines", "jonas",
         "kim", "lea", "marco", "nina", "omar", "paula", "quinn", "rosa", "sven", "tara"]
LAST = ["smith", "muller", "garcia", "rossi", "kowalski", "nguyen", "silva", "jensen",
        "novak", "tanaka", "oconnor", "dubois", "ivanova", "haddad", "berg"]

# Source event vocabulary: (event_type, url, properties). Mixed naming on purpose:
# the seed event_signal_map maps it to canonical signals.
EVENT_KINDS = [
    ("page_view", "https://www.example-saas.com/blog/lead-scoring-guide", None),
    ("page_view", "/product/features", None),
    ("page_view", "https://www.example-saas.com/pricing?utm_source=ads", None),
    ("page_view", "/pricing/enterprise", None),
    ("page_view", "/contact", None),
    ("page_view", "/careers/open-roles", None),
    ("email_opened", None, None),
    ("email_open", None, None),
    ("email_click", None, None),
    ("email_bounce", None, '{"bounce_type": "hard"}'),
    ("email_bounce", None, '{"bounce_type": "soft"}'),
    ("email_unsubscribe", None, None),
    ("form_submit", "/newsletter", '{"form_type": "newsletter"}'),
    ("form_submit", "/ebook", '{"form_type": "content_ebook"}'),
    ("content_download", None, '{"asset": "case-study"}'),
    ("webinar_registration", None, None),
    ("webinar_attended", None, None),
    ("form_submit", "/demo", '{"form_type": "demo"}'),
    ("contact_sales_request", None, None),
    ("trial_signup", None, None),
    ("product_login", None, None),
    ("meeting_booked", None, None),
    ("ad_click", None, None),
    ("product_view", "/shop/item", None),
    ("add_to_cart", None, None),
    ("cart_abandon", None, None),
    ("purchase", None, '{"order_total": 120.5}'),
    ("chat_started", None, None),
]
# Base weights per intent tier (cold, warm, hot); hot leads raise their hands.
_BASE = np.array([30, 8, 2, 1, 0.6, 0.5, 12, 6, 4, 0.02, 0.2, 0.05, 1, 1, 0.8, 0.6, 0.4,
                  0.05, 0.03, 0.08, 1.5, 0.03, 2, 1, 0.4, 0.3, 0.15, 0.05])
_HOT = np.array([20, 10, 6, 3, 2, 0.3, 10, 5, 6, 0.01, 0.1, 0.02, 1, 2, 2, 1.5, 1.2,
                 0.6, 0.4, 0.6, 4, 0.4, 2, 1, 0.6, 0.5, 0.3, 0.05])
_WARM = (_BASE + _HOT) / 2
TIER_P = np.stack([_BASE / _BASE.sum(), _WARM / _WARM.sum(), _HOT / _HOT.sum()])

RAW_DDL = """
create schema if not exists raw;
create or replace table raw.crm_accounts (
    account_id varchar, name varchar, domain varchar, industry varchar,
    employee_count bigint, annual_revenue double, country varchar, is_customer boolean,
    created_at timestamp, updated_at timestamp);
create or replace table raw.crm_leads (
    lead_id varchar, account_id varchar, email varchar, first_name varchar, last_name varchar,
    job_title varchar, country varchar, lead_source varchar, status varchar,
    is_email_opt_out boolean, is_deleted boolean, created_at timestamp, updated_at timestamp);
create or replace table raw.crm_opportunities (
    opportunity_id varchar, account_id varchar, lead_id varchar, stage varchar, amount double,
    is_closed boolean, is_won boolean, created_at timestamp, closed_at timestamp);
create or replace table raw.crm_lead_status_history (
    lead_id varchar, status varchar, changed_at timestamp);
create or replace table raw.activity_events (
    event_id varchar, lead_id varchar, email varchar, event_type varchar,
    occurred_at timestamp, url varchar, campaign_id varchar, properties varchar,
    loaded_at timestamp);
"""


def _sql_list(values: list) -> str:
    def lit(v: object) -> str:
        if v is None:
            return "null"
        return "'" + str(v).replace("'", "''") + "'"
    return "[" + ", ".join(lit(v) for v in values) + "]"


def _seconds(times: pd.Series) -> np.ndarray:
    """Epoch seconds of a datetime column, whatever unit pandas stores it in (pandas 3 keeps
    seconds or microseconds where older versions kept nanoseconds)."""
    return times.to_numpy().astype("datetime64[s]").astype(np.int64)


def _epoch(day: dt.date) -> int:
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())


class Generator:
    """Builds one dataset; every random draw comes from one seeded stream per table."""

    def __init__(self, size: Size, seed: int, end_date: dt.date, chunk_leads: int,
                 progress: bool) -> None:
        self.size = size
        self.seed = seed
        self.end_date = end_date
        self.end_epoch = _epoch(end_date) + 86_399
        self.start_epoch = _epoch(end_date - dt.timedelta(days=size.history_days))
        self.chunk_leads = chunk_leads
        self.progress = progress
        self.n_accounts = max(10, size.leads // 4)

    def _rng(self, stream: int) -> np.random.Generator:
        return np.random.default_rng([self.seed, stream])

    def _log(self, message: str) -> None:
        if self.progress:
            print(message, file=sys.stderr, flush=True)

    # -- CRM ---------------------------------------------------------------
    def accounts(self) -> pd.DataFrame:
        rng = self._rng(1)
        n = self.n_accounts
        employees = np.round(np.exp(rng.normal(4.3, 1.7, n))).astype(np.int64)
        employees[rng.random(n) < 0.003] = -1  # dirty CRM value
        revenue = employees.clip(1) * rng.lognormal(11.5, 0.6, n)
        industry = rng.choice(len(INDUSTRIES), n, p=INDUSTRY_P)
        country = rng.choice(len(COUNTRIES), n, p=COUNTRY_P)
        created = rng.integers(self.start_epoch - 400 * 86_400, self.start_epoch, n)
        domains = np.array([f"acct{i:06d}.com" for i in range(n)], dtype=object)
        competitor = rng.random(n) < 0.002
        domains[competitor] = rng.choice(COMPETITORS, competitor.sum())
        return pd.DataFrame({
            "account_id": [f"A{i:06d}" for i in range(n)],
            "name": [f"Company {i}" for i in range(n)],
            "domain": domains,
            "industry": np.array(INDUSTRIES, dtype=object)[industry],
            "employee_count": employees,
            "annual_revenue": np.round(revenue, 2),
            "country": np.array(COUNTRIES, dtype=object)[country],
            "is_customer": rng.random(n) < 0.05,
            "created_at": pd.to_datetime(created, unit="s"),
            "updated_at": pd.to_datetime(created + 86_400 * 30, unit="s"),
        })

    def leads(self, accounts: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
        """Returns the leads table plus each lead's latent fit and intent (for outcomes and
        events); the freelancer flag is read back from the job title."""
        rng = self._rng(2)
        n = self.size.leads
        # Skewed contacts per account: most have a few, some have dozens.
        account_weight = rng.lognormal(0.0, 1.0, self.n_accounts)
        account_idx = rng.choice(self.n_accounts, n, p=account_weight / account_weight.sum())
        has_account = rng.random(n) < 0.85
        title_idx = rng.choice(len(TITLES), n, p=TITLE_P)
        first = np.array(FIRST, dtype=object)[rng.integers(0, len(FIRST), n)]
        last = np.array(LAST, dtype=object)[rng.integers(0, len(LAST), n)]
        acct_domain = accounts["domain"].to_numpy()[account_idx]
        kind = rng.random(n)
        domain = np.where(has_account, acct_domain, "")
        free = (kind < 0.15) | ~has_account
        domain = np.where(free, np.array(FREE_MAIL, dtype=object)[rng.integers(0, len(FREE_MAIL), n)], domain)
        domain = np.where((kind >= 0.15) & (kind < 0.16), rng.choice(DISPOSABLE, n), domain)
        domain = np.where((kind >= 0.16) & (kind < 0.165), "example.com", domain)
        local = np.char.add(np.char.add(first.astype(str), "."), last.astype(str))
        local = np.char.add(local, np.arange(n).astype(str))
        local = np.where((kind >= 0.165) & (kind < 0.17), np.char.add("test", np.arange(n).astype(str)), local)
        email = np.char.add(np.char.add(local.astype(str), "@"), domain.astype(str)).astype(object)
        email[rng.random(n) < 0.004] = None
        # Duplicate leads: a few re-use an earlier lead's email.
        dup = np.flatnonzero(rng.random(n) < 0.005)
        dup = dup[dup > 0]
        email[dup] = email[rng.integers(0, dup, len(dup))]

        created = rng.integers(self.start_epoch, self.end_epoch - 86_400, n)
        fit_latent = (np.array([t[1] for t in TITLES])[title_idx]
                      + np.where(has_account, np.log10(accounts["employee_count"].clip(lower=1).to_numpy()[account_idx]) / 2, -0.5)
                      + np.isin(accounts["industry"].to_numpy()[account_idx], INDUSTRIES[:4]) * 0.5
                      - free * 0.6)
        intent_latent = rng.normal(0, 1, n) + 0.3 * fit_latent

        status = np.array(["new", "Working - Contacted", "Nurturing", "Disqualified",
                           "Sales Accepted", "Sales Qualified", "Converted"], dtype=object)
        status_p = [0.5, 0.17, 0.2, 0.06, 0.03, 0.02, 0.02]
        lead_status = status[rng.choice(len(status), n, p=status_p)]
        frame = pd.DataFrame({
            "lead_id": [f"L{i:07d}" for i in range(n)],
            "account_id": np.where(has_account, accounts["account_id"].to_numpy()[account_idx], None),
            "email": email,
            "first_name": np.char.capitalize(first.astype(str)).astype(object),
            "last_name": np.char.capitalize(last.astype(str)).astype(object),
            "job_title": np.array([t[0] or None for t in TITLES], dtype=object)[title_idx],
            "country": np.where(rng.random(n) < 0.3, None, np.array(COUNTRIES, dtype=object)[rng.choice(len(COUNTRIES), n, p=COUNTRY_P)]),
            "lead_source": np.array(SOURCES, dtype=object)[rng.choice(len(SOURCES), n, p=SOURCE_P)],
            "status": lead_status,
            "is_email_opt_out": rng.random(n) < 0.03,
            "is_deleted": rng.random(n) < 0.01,
            "created_at": pd.to_datetime(created, unit="s"),
            "updated_at": pd.to_datetime(np.minimum(created + 86_400 * 7, self.end_epoch), unit="s"),
        })
        return frame, fit_latent, intent_latent

    def status_history(self, leads: pd.DataFrame) -> pd.DataFrame:
        rng = self._rng(3)
        created = _seconds(leads["created_at"])
        span = np.maximum(self.end_epoch - created, 3_600)
        rows_lead, rows_status, rows_at = [], [], []
        ladder = {"working - contacted": ["new", "Working - Contacted"],
                  "nurturing": ["new", "Working - Contacted", "Nurturing"],
                  "disqualified": ["new", "Working - Contacted", "Disqualified"],
                  "sales accepted": ["new", "Working - Contacted", "Sales Accepted"],
                  "sales qualified": ["new", "Working - Contacted", "Sales Accepted", "Sales Qualified"],
                  "converted": ["new", "Working - Contacted", "Sales Qualified", "Converted"]}
        for lead_id, status, start, width in zip(leads["lead_id"], leads["status"], created, span):
            steps = ladder.get(str(status).lower())
            if steps is None or rng.random() < 0.1:  # some leads have no history at all
                continue
            offsets = np.sort(rng.random(len(steps))) * width
            offsets[0] = 0
            for step, offset in zip(steps, offsets):
                rows_lead.append(lead_id)
                rows_status.append(step)
                rows_at.append(start + int(offset))
        return pd.DataFrame({"lead_id": rows_lead, "status": rows_status,
                             "changed_at": pd.to_datetime(np.array(rows_at, dtype=np.int64), unit="s")})

    @staticmethod
    def truth_logit(leads: pd.DataFrame, fit: np.ndarray, intent: np.ndarray) -> np.ndarray:
        """Each lead's true log-odds of opening an opportunity (the planted truth)."""
        freelancer = leads["job_title"].isin(FREELANCE_TITLES).to_numpy()
        return TRUTH_INTERCEPT + TRUTH_FIT * fit + TRUTH_INTENT * intent + TRUTH_FREELANCER * freelancer

    def opportunities(self, leads: pd.DataFrame, fit: np.ndarray, intent: np.ndarray,
                      behaviour_epoch: np.ndarray) -> pd.DataFrame:
        """Opportunities of the planted truth; behaviour_epoch: per lead, when 60 % of its events
        had happened (-1 without events): each opportunity opens after it."""
        rng = self._rng(4)
        p = 1 / (1 + np.exp(-self.truth_logit(leads, fit, intent)))
        has_account = leads["account_id"].notna().to_numpy()
        chosen = np.flatnonzero((rng.random(len(leads)) < p) & has_account)
        lead_created = _seconds(leads["created_at"])[chosen]
        anchor = behaviour_epoch[chosen]
        waited = lead_created + (rng.exponential(45.0, len(chosen)) * 86_400).astype(np.int64)
        created = np.where(anchor >= 0, np.maximum(anchor, lead_created) + rng.integers(1, 15, len(chosen)) * 86_400,
                           waited)
        # Leads whose opportunity would open after the data window have not converted yet.
        inside = created <= self.end_epoch - 3_600
        chosen, created = chosen[inside], created[inside]
        win_p = 1 / (1 + np.exp(-(-0.8 + 0.8 * fit[chosen] + 0.6 * intent[chosen])))
        closed = rng.random(len(chosen)) < 0.7
        won = closed & (rng.random(len(chosen)) < win_p)
        closed_at = np.minimum(created + rng.integers(7, 120, len(chosen)) * 86_400, self.end_epoch)
        stage = np.where(won, "Closed Won", np.where(closed, "Closed Lost", "Negotiation"))
        return pd.DataFrame({
            "opportunity_id": [f"O{i:07d}" for i in range(len(chosen))],
            "account_id": leads["account_id"].to_numpy()[chosen],
            "lead_id": np.where(rng.random(len(chosen)) < 0.8, leads["lead_id"].to_numpy()[chosen], None),
            "stage": stage,
            "amount": np.round(rng.lognormal(9.5, 1.0, len(chosen)), 2),
            "is_closed": closed,
            "is_won": won,
            "created_at": pd.to_datetime(created, unit="s"),
            "closed_at": pd.to_datetime(np.where(closed, closed_at, 0), unit="s").where(closed),
        })

    # -- events ------------------------------------------------------------
    def event_counts(self, intent: np.ndarray) -> np.ndarray:
        rng = self._rng(5)
        weights = np.exp(1.1 * intent + rng.normal(0, 0.9, len(intent)))
        expected = weights / weights.sum() * self.size.events
        return rng.poisson(expected)

    def write_events(self, con: duckdb.DuckDBPyConnection, leads: pd.DataFrame,
                     counts: np.ndarray, intent: np.ndarray, first_event_num: int = 0,
                     window: tuple[int, int] | None = None, table: str = "raw.activity_events") -> int:
        """Appends events for every lead to table; window=(start, end) epoch bounds all timestamps."""
        kinds = EVENT_KINDS
        types_sql = _sql_list([k[0] for k in kinds])
        urls_sql = _sql_list([k[1] for k in kinds])
        props_sql = _sql_list([k[2] for k in kinds])
        created = _seconds(leads["created_at"])
        tier = np.digitize(intent, [0.0, 1.2])
        total = int(counts.sum())
        written = 0
        started = time.time()
        for chunk_no, lo in enumerate(range(0, len(leads), self.chunk_leads)):
            hi = min(lo + self.chunk_leads, len(leads))
            rng = np.random.default_rng([self.seed, 6, chunk_no, first_event_num])
            c = counts[lo:hi]
            n = int(c.sum())
            if n == 0:
                continue
            lead_idx = np.repeat(np.arange(lo, hi), c)
            start = np.maximum(created[lead_idx] - 86_400 * 30, self.start_epoch)
            end = np.full(n, self.end_epoch)
            if window is not None:
                start = np.full(n, window[0])
                end = np.full(n, window[1])
            # Activity clusters towards the recent end for engaged leads.
            u = rng.random(n) ** np.where(tier[lead_idx] == 2, 0.5, 1.0)
            occurred = start + (u * (end - start)).astype(np.int64)
            kind = np.empty(n, dtype=np.int64)
            for t in range(3):
                mask = tier[lead_idx] == t
                kind[mask] = rng.choice(len(kinds), int(mask.sum()), p=TIER_P[t])
            email_only = rng.random(n) < 0.08
            unmatched = rng.random(n) < 0.003
            null_time = rng.random(n) < 0.0005
            frame = pd.DataFrame({
                "event_num": np.arange(first_event_num + written, first_event_num + written + n),
                "lead_num": lead_idx,
                "kind": kind + 1,
                "occurred_epoch": occurred,
                "email_only": email_only,
                "unmatched": unmatched,
                "null_time": null_time,
                "campaign": rng.integers(0, 40, n),
            })
            con.register("event_chunk", frame)
            con.execute(f"""
                insert into {table}
                select
                    'E' || lpad(cast(c.event_num as varchar), 10, '0'),
                    case when c.email_only or c.unmatched then null else l.lead_id end,
                    case
                        when c.unmatched then 'stranger' || cast(c.event_num as varchar) || '@nowhere.org'
                        when c.email_only then '  ' || upper(l.email) || ' '
                    end,
                    {types_sql}[c.kind],
                    case when c.null_time then null else to_timestamp(c.occurred_epoch)::timestamp end,
                    {urls_sql}[c.kind],
                    case when c.campaign < 25 then 'CMP' || cast(c.campaign as varchar) end,
                    {props_sql}[c.kind],
                    -- The loader's stamp: an hourly sync after the event (a late event keeps
                    -- the stamp of the sync that brought it).
                    date_trunc('hour', to_timestamp(c.occurred_epoch)::timestamp) + interval 1 hour
                from event_chunk as c
                inner join lead_index as l on c.lead_num = l.lead_num
                order by c.event_num
            """)
            con.unregister("event_chunk")
            written += n
            if self.progress:
                rate = written / max(time.time() - started, 1e-9)
                self._log(f"  events {written:>12,} / {total:,} ({100 * written / max(total, 1):5.1f}%)"
                          f"  {rate:,.0f}/s")
        return written

    def run(self, con: duckdb.DuckDBPyConnection, staging_path: str | None = None) -> dict[str, int]:
        """Writes every raw table. Events are generated lead by lead into a side database
        (staging_path, default in the temporary directory; removed at the end), then
        stored in time order, as an event log receives them; appended days then land
        after them (see append_next_day)."""
        if staging_path is None:
            staging_path = os.path.join(tempfile.gettempdir(), f"lead_scoring_events_{os.getpid()}.duckdb")
        con.execute("set timezone = 'UTC'")
        con.execute(RAW_DDL)
        accounts = self.accounts()
        leads, fit, intent = self.leads(accounts)
        history = self.status_history(leads)
        for table, frame in [("crm_accounts", accounts), ("crm_leads", leads),
                             ("crm_lead_status_history", history)]:
            con.register("frame", frame)
            con.execute(f"insert into raw.{table} select * from frame")
            con.unregister("frame")
            self._log(f"  {table}: {len(frame):,} rows")
        con.register("lead_frame", pd.DataFrame({"lead_num": np.arange(len(leads)),
                                                 "lead_id": leads["lead_id"], "email": leads["email"]}))
        con.execute("create or replace temp table lead_index as select * from lead_frame")
        con.unregister("lead_frame")
        _remove_database(staging_path)
        con.execute(f"attach '{staging_path}' as event_staging")
        try:
            con.execute("create table event_staging.activity_events as select * from raw.activity_events limit 0")
            events = self.write_events(con, leads, self.event_counts(intent), intent,
                                       table="event_staging.activity_events")
            planted = self.plant_account_cases(con, table="event_staging.activity_events")
            events += planted["events"]
            self._log("  sorting events by occurred_at")
            # The order of an insert's rows is kept only with preserve_insertion_order.
            con.execute("set preserve_insertion_order = true")
            con.execute("insert into raw.activity_events "
                        "select * from event_staging.activity_events order by occurred_at nulls last")
            con.execute("set preserve_insertion_order = false")
            behaviour = self.behaviour_epochs(con, leads, "event_staging.activity_events")
        finally:
            con.execute("detach event_staging")
            _remove_database(staging_path)
        opportunities = self.opportunities(leads, fit, intent, behaviour)
        truth = pd.DataFrame({"lead_id": leads["lead_id"], "truth_logit": self.truth_logit(leads, fit, intent)})
        for table, frame in [("crm_opportunities", opportunities), ("demo_truth", truth)]:
            if table == "demo_truth":
                con.execute("create or replace table raw.demo_truth (lead_id varchar, truth_logit double)")
            con.register("frame", frame)
            con.execute(f"insert into raw.{table} select * from frame")
            con.unregister("frame")
            self._log(f"  {table}: {len(frame):,} rows")
        return {"accounts": len(accounts) + planted["accounts"], "leads": len(leads) + planted["leads"],
                "events": events, "opportunities": len(opportunities), "status_changes": len(history)}


    def plant_account_cases(self, con: duckdb.DuckDBPyConnection, table: str) -> dict[str, int]:
        """Named accounts the demo shows and the tests check (docs/accounts.md), the same at
        every size: three buying groups (A_PLANT_GROUP_1-3: a large software company in the
        US with five engaged contacts in the roles of seeds/buying_group_roles.csv) that are
        MQAs; A_PLANT_NOISY, a company of the same fit whose single contact makes hundreds
        of events in the last ten days, never an MQA on that alone; A_PLANT_SHARED_1 and _2,
        which share a domain, so the lead without account at it is matched to neither.
        Returns the number of rows planted per kind (accounts, leads, events: these go to table)."""
        day = pd.Timestamp(self.end_date)
        created = day - pd.Timedelta(days=120)
        roles = [("VP Marketing", "vp"), ("Marketing Director", "dir"), ("Software Engineer", "eng"),
                 ("Finance Manager", "fin"), ("Marketing Specialist", "spec")]
        accounts, leads, events = [], [], []

        def account(account_id: str, name: str, domain: str) -> None:
            accounts.append((account_id, name, domain, "Software", 2_500, 400_000_000.0, "US", False,
                             created, created))

        def lead(lead_id: str, account_id: str | None, email: str, title: str) -> None:
            leads.append((lead_id, account_id, email, "Planted", lead_id[-4:].title(), title, "US", "web", "new",
                          False, False, created, created))

        def event(lead_id: str, event_type: str, days_ago: float, url: str | None = None) -> None:
            occurred = day + pd.Timedelta(hours=12) - pd.Timedelta(days=days_ago)
            events.append((f"E_{lead_id}_{len(events):05d}", lead_id, None, event_type, occurred, url, None, None,
                           occurred.floor("h") + pd.Timedelta(hours=1)))

        for group in (1, 2, 3):
            account_id = f"A_PLANT_GROUP_{group}"
            account(account_id, f"Buying Group {group} Inc", f"buying-group-{group}.example.org")
            for number, (title, short) in enumerate(roles):
                lead_id = f"L_PLANT_G{group}_{short.upper()}"
                lead(lead_id, account_id, f"{short}@buying-group-{group}.example.org", title)
                for days_ago in (1, 3, 5, 8):
                    event(lead_id, "pricing_page_view", days_ago + number * 0.1, "/pricing")
                event(lead_id, "webinar_attendance", 6)
                event(lead_id, "content_download", 2)
                event(lead_id, "content_download", 9)
        account("A_PLANT_NOISY", "Noisy Single Contact Ltd", "noisy-single.example.org")
        lead("L_PLANT_NOISY", "A_PLANT_NOISY", "clicker@noisy-single.example.org", "Marketing Specialist")
        for number in range(300):
            event("L_PLANT_NOISY", "page_view", (number % 10) + number / 1000, f"/blog/{number}")
        for number in range(20):
            event("L_PLANT_NOISY", "pricing_page_view", number / 2, "/pricing")
        for number in (1, 2):
            account(f"A_PLANT_SHARED_{number}", f"Shared Holdings {number}", "shared-holdings.example.org")
        lead("L_PLANT_SHARED", None, "someone@shared-holdings.example.org", "Marketing Director")
        event("L_PLANT_SHARED", "pricing_page_view", 1, "/pricing")
        for raw_table, rows in (("raw.crm_accounts", accounts), ("raw.crm_leads", leads), (table, events)):
            con.executemany(f"insert into {raw_table} values ({', '.join('?' * len(rows[0]))})", rows)
        self._log(f"  planted accounts: {len(accounts)} accounts, {len(leads)} leads, {len(events)} events")
        return {"accounts": len(accounts), "leads": len(leads), "events": len(events)}

    @staticmethod
    def behaviour_epochs(con: duckdb.DuckDBPyConnection, leads: pd.DataFrame, table: str) -> np.ndarray:
        """Per lead (in the order of leads), the epoch second by which 60 % of its events had
        happened; -1 for a lead without events."""
        frame = con.execute(f"""
            select lead_id, cast(epoch(quantile_disc(occurred_at, 0.6)) as bigint) as behaviour_epoch
            from {table} where lead_id is not null and occurred_at is not null group by lead_id
        """).df()
        epochs = pd.Series(frame["behaviour_epoch"].to_numpy(), index=frame["lead_id"])
        return epochs.reindex(leads["lead_id"]).fillna(-1).to_numpy().astype(np.int64)


def _remove_database(path: str) -> None:
    """Deletes a DuckDB file and its write-ahead log, if they exist."""
    for leftover in (path, path + ".wal"):
        if os.path.exists(leftover):
            os.remove(leftover)


def append_next_day(con: duckdb.DuckDBPyConnection, seed: int, events: int, late_share: float = 0.02,
                    late_max_days: int = 5, crm_change_share: float = 0.005) -> dict[str, object]:
    """Appends one more day of events after the latest event; late_share of them really
    happened 1 to late_max_days days earlier (late arrivals). The CRM changes that day too
    (append_crm_changes, crm_change_share of the leads; 0 for events only)."""
    latest = con.execute("select max(occurred_at) from raw.activity_events").fetchone()[0]
    next_day = latest.date() + dt.timedelta(days=1)
    day_start = _epoch(next_day)
    count = con.execute("select count(*) from raw.activity_events").fetchone()[0]
    leads = con.execute("select lead_id, email, created_at from raw.crm_leads order by lead_id").df()
    con.execute("create or replace temp table lead_index as "
                "select row_number() over (order by lead_id) - 1 as lead_num, lead_id, email from raw.crm_leads")
    rng = np.random.default_rng([seed, 7, day_start])
    intent = rng.normal(0, 1, len(leads))
    weights = np.exp(1.1 * intent)
    counts = rng.poisson(weights / weights.sum() * events)
    size = Size(leads=len(leads), events=events, history_days=1)
    gen = Generator(size, seed, next_day, chunk_leads=250_000, progress=False)
    written = gen.write_events(con, leads, counts, intent, first_event_num=count,
                               window=(day_start, day_start + 86_399))
    # Late arrivals: a share of the new rows really happened up to 5 days earlier (the new
    # rows: generated ids E<number> from the count on; planted ids, E_<lead>_..., never).
    con.execute(f"""
        update raw.activity_events
        set occurred_at = occurred_at - to_days(1 + cast(hash(event_id) % {int(late_max_days)} as integer))
        where regexp_full_match(event_id, 'E[0-9]+') and event_id >= 'E' || lpad('{count}', 10, '0')
          and hash(event_id) % 1000 < {int(late_share * 1000)}
    """)
    crm = append_crm_changes(con, next_day, crm_change_share)
    return {"day": next_day.isoformat(), "events": written, **crm}


def append_crm_changes(con: duckdb.DuckDBPyConnection, day: dt.date, share: float) -> dict[str, int]:
    """What a CRM sync of one day brings besides events, each a share of the leads (or
    accounts) picked by a hash of the id and the day: share of the leads move one status
    step (with a status history row) and half of those change title too; share / 5 are new
    leads, created that day at existing accounts; share / 20 are deleted; share / 100 come
    again as a second row of an existing id (a connector re-delivering a row); share / 2 of
    the accounts change size. Every changed row gets updated_at on that day."""
    if share <= 0:
        return {"leads_updated": 0, "leads_created": 0, "leads_deleted": 0, "lead_rows_repeated": 0,
                "accounts_updated": 0}
    stamp = f"timestamp '{day.isoformat()}' + to_seconds(hash(lead_id, '{day}') % 86400)"
    picked = f"hash(lead_id, '{day}', 'crm') % 1000000 < {int(share * 1_000_000)}"

    con.execute(f"""
        create or replace temp table crm_moved as
        select lead_id, case status
                when 'new' then 'Working - Contacted'
                when 'Working - Contacted' then 'Nurturing'
                when 'Nurturing' then 'Sales Accepted'
                when 'Sales Accepted' then 'Sales Qualified'
                when 'Sales Qualified' then 'Converted'
                else status
            end as status, {stamp} as changed_at
        from raw.crm_leads
        where not coalesce(is_deleted, false) and regexp_full_match(lead_id, 'L[0-9]+') and {picked}
        qualify row_number() over (partition by lead_id order by updated_at desc) = 1
    """)
    updated = con.execute("select count(*) from crm_moved").fetchone()[0]
    con.execute(f"""
        update raw.crm_leads as leads
        set status = crm_moved.status, updated_at = crm_moved.changed_at,
            job_title = case when hash(leads.lead_id, 'title') % 2 = 0 then 'VP Marketing' else leads.job_title end
        from crm_moved
        where leads.lead_id = crm_moved.lead_id;
        insert into raw.crm_lead_status_history
        select lead_id, status, changed_at from crm_moved;
    """)
    deleted = con.execute(f"""
        update raw.crm_leads set is_deleted = true, updated_at = {stamp}
        where not coalesce(is_deleted, false) and regexp_full_match(lead_id, 'L[0-9]+')
          and hash(lead_id, '{day}', 'deleted') % 1000000 < {int(share / 20 * 1_000_000)}
    """).fetchone()[0]
    created = con.execute(f"""
        insert into raw.crm_leads
        select * replace (
            'N{day:%Y%m%d}' || lpad(cast(row_number() over (order by lead_id) as varchar), 6, '0') as lead_id,
            'new.' || lower(lead_id) || '.{day:%Y%m%d}@' || split_part(email, '@', 2) as email,
            'new' as status, false as is_deleted, {stamp} as created_at, {stamp} as updated_at)
        from raw.crm_leads
        where email like '%@%' and regexp_full_match(lead_id, 'L[0-9]+') and regexp_full_match(account_id, 'A[0-9]+')
          and hash(lead_id, '{day}', 'created') % 1000000 < {int(share / 5 * 1_000_000)}
    """).fetchone()[0]
    repeated = con.execute(f"""
        insert into raw.crm_leads
        select * replace ({stamp} as updated_at)
        from raw.crm_leads
        where regexp_full_match(lead_id, 'L[0-9]+') and hash(lead_id, '{day}', 'repeated') % 1000000 < {int(share / 100 * 1_000_000)}
    """).fetchone()[0]
    accounts = con.execute(f"""
        update raw.crm_accounts
        set employee_count = employee_count + 1 + cast(hash(account_id, '{day}') % 50 as bigint),
            updated_at = timestamp '{day.isoformat()}' + to_seconds(hash(account_id, '{day}') % 86400)
        where regexp_full_match(account_id, 'A[0-9]+') and hash(account_id, '{day}', 'size') % 1000000 < {int(share / 2 * 1_000_000)}
    """).fetchone()[0]
    return {"leads_updated": updated, "leads_created": created, "leads_deleted": deleted,
            "lead_rows_repeated": repeated, "accounts_updated": accounts}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="DuckDB file to write (tables go to schema raw)")
    parser.add_argument("--size", default="demo", choices=sorted(SIZES), help="dataset size")
    parser.add_argument("--seed", type=int, default=42, help="random seed (same seed, same data)")
    parser.add_argument("--end-date", default=DEFAULT_END_DATE.isoformat(),
                        help="last day of generated activity (YYYY-MM-DD)")
    parser.add_argument("--append-day", action="store_true",
                        help="append the next day of events to an existing database instead")
    parser.add_argument("--append-events", type=int, default=None,
                        help="events to append with --append-day (default: events per day of the size)")
    parser.add_argument("--late-share", type=float, default=0.02,
                        help="with --append-day: share of appended events dated earlier (late arrivals)")
    parser.add_argument("--late-days", type=int, default=5,
                        help="with --append-day: late events are dated up to this many days earlier")
    parser.add_argument("--crm-change-share", type=float, default=0.005,
                        help="with --append-day: share of the leads the CRM changes that day "
                             "(see append_crm_changes; 0 appends events only)")
    parser.add_argument("--quiet", action="store_true", help="no progress output")
    args = parser.parse_args(argv)

    size = SIZES[args.size]
    con = duckdb.connect(args.db)
    con.execute("set preserve_insertion_order = false")
    # Bounds DuckDB's memory (the time sort of the events spills beyond it): without it
    # DuckDB may take 80% of the machine's memory.
    con.execute(f"set memory_limit = '{os.environ.get('LEAD_SCORING_DUCKDB_MEMORY_LIMIT', '3GB')}'")
    started = time.time()
    if args.append_day:
        per_day = args.append_events or max(1, size.events // size.history_days)
        result = append_next_day(con, args.seed, per_day, args.late_share, args.late_days, args.crm_change_share)
    else:
        end_date = dt.date.fromisoformat(args.end_date)
        chunk = 50_000 if size.events / size.leads > 50 else 200_000
        gen = Generator(size, args.seed, end_date, chunk_leads=chunk, progress=not args.quiet)
        result = gen.run(con, staging_path=f"{args.db}.events.tmp")
    con.close()
    if not args.quiet:
        print(f"wrote {result} to {args.db} in {time.time() - started:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
