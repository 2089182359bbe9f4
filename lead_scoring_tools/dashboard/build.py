"""make dashboard: a static HTML dashboard of the marts, one file that opens offline.

Reads the public marts of a DuckDB warehouse (read-only) and writes target/dashboard/index.html:
plotly.js is inlined once (no CDN, no network), each plot has a title, axis labels and a line
saying how to read it. A plot whose mart is empty (the evaluation before `make backtest` and
`make evaluate`, the movers before a week of history) is listed with what to run instead of
being drawn empty.

Why Plotly: its figures are plain JSON drawn by one self-contained script (plotly.js, about
4.6 MB inlined), so the page needs no server, no build step and no network, hover shows exact
values, and the figures are built from pandas frames in a few lines. Vega-Altair would need
three scripts (vega, vega-lite, vega-embed) inlined by hand; Evidence needs Node and a build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

PROJECT_DIR = Path(__file__).resolve().parents[2]
SEGMENT_COLOURS = {"A": "#1b7837", "B": "#f1a340", "C": "#998ec3"}


@dataclass
class Panel:
    """One plot of the dashboard: a figure, or why there is none yet (missing)."""
    key: str
    title: str
    how_to_read: str
    figure: object | None = None
    missing: str | None = None


def frame(con: duckdb.DuckDBPyConnection, sql: str) -> pd.DataFrame:
    return con.execute(sql).df()


def has_table(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return con.execute("select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
                       [schema, table]).fetchone()[0] > 0


def score_distribution(con, s: str) -> Panel:
    import plotly.express as px
    data = frame(con, f"select total_score, segment from {s}.lead_scores")
    figure = px.histogram(data, x="total_score", color="segment", nbins=50, barmode="overlay", opacity=0.75,
                          category_orders={"segment": ["A", "B", "C"]}, color_discrete_map=SEGMENT_COLOURS,
                          labels={"total_score": "Total score (fit + intent + negative)", "segment": "Segment"})
    figure.update_yaxes(title_text="Leads")
    return Panel("score_distribution", "Score distribution by segment",
                 "Each bar counts the leads whose total score falls in that band; colours are the A/B/C segments. "
                 "A healthy model shows A leads clearly to the right of C.", figure)


def mqls_per_week(con, s: str) -> Panel:
    import plotly.express as px
    data = frame(con, f"""
        select strftime(date_trunc('week', as_of), '%Y-%m-%d') as week,
               count(distinct case when is_mql then lead_id end) as mqls,
               count(distinct case when is_sql then lead_id end) as sqls
        from {s}.lead_score_history group by 1 order by 1""")
    if data.empty:
        return Panel("mqls_per_week", "MQLs and SQLs per week", "", missing="lead_score_history is empty: run a build")
    long = data.melt(id_vars="week", value_vars=["mqls", "sqls"], var_name="flag", value_name="leads")
    long["flag"] = long["flag"].map({"mqls": "MQL", "sqls": "SQL"})
    figure = px.bar(long, x="week", y="leads", color="flag", barmode="group",
                    labels={"week": "Week starting (Monday)", "leads": "Leads flagged at least one day",
                            "flag": "Flag"})
    figure.update_xaxes(type="category")
    return Panel("mqls_per_week", "MQLs and SQLs per week",
                 "For each week of scored days, how many distinct leads were MQL and how many SQL on at least one "
                 "day. Weeks fill in as the daily job runs (make backfill fills past days).", figure)


def funnel(con, s: str) -> Panel:
    import plotly.graph_objects as go
    # An SQL need not have been an MQL (sales can accept any lead): the funnel follows the
    # leads that were an MQL on some scored day.
    row = frame(con, f"""
        select count(*) as scored,
               sum(case when first_mql_at is not null or is_mql then 1 else 0 end) as mqls,
               sum(case when (first_mql_at is not null or is_mql) and is_sql then 1 else 0 end) as sqls,
               sum(case when (first_mql_at is not null or is_mql) and lifecycle_stage = 'converted'
                   then 1 else 0 end) as converted
        from {s}.lead_scores""").iloc[0]
    stages = ["Scored leads", "MQL (on some scored day)", "of them SQL today", "of them converted"]
    values = [int(row["scored"]), int(row["mqls"]), int(row["sqls"]), int(row["converted"])]
    figure = go.Figure(go.Funnel(y=stages, x=values, textinfo="value+percent previous"))
    figure.update_layout(xaxis_title="Leads", yaxis_title="Stage")
    return Panel("funnel", "MQL-to-SQL funnel",
                 "Of the leads scored, those that were an MQL on a scored day, how many of them are SQLs today and "
                 "how many converted; each percentage is the share of the stage above (the MQL-to-SQL rate on the "
                 "third bar). SQLs that never were MQLs (sales accepted them directly) are not in it.", figure)


def sla_breaches(con, s: str) -> Panel:
    import plotly.express as px
    data = frame(con, f"""
        select segment_at_mql as segment,
               case when is_breached then 'breached' when is_touched then 'touched in time'
                    else 'waiting, still in time' end as status,
               count(*) as episodes
        from {s}.mql_sla group by 1, 2 order by 1, 2""")
    if data.empty:
        return Panel("sla", "MQL SLA", "", missing="mql_sla is empty: no lead has been an MQL yet")
    figure = px.bar(data, x="segment", y="episodes", color="status", barmode="stack",
                    category_orders={"segment": ["A", "B", "C"],
                                     "status": ["touched in time", "waiting, still in time", "breached"]},
                    color_discrete_map={"touched in time": "#1b7837", "waiting, still in time": "#bbbbbb",
                                        "breached": "#d7301f"},
                    labels={"segment": "Segment when the lead became an MQL", "episodes": "MQL episodes",
                            "status": "First sales touch"})
    return Panel("sla", "MQL SLA: first sales touch in time or breached",
                 "Each MQL episode is counted once by the segment it started in: touched within the SLA hours of "
                 "seeds/mql_sla_hours.csv, not touched yet but still in time, or breached.", figure)


def conversion_by_band(con, s: str) -> Panel:
    import plotly.express as px
    title = "Conversion per score band (backtest)"
    if not has_table(con, s, "evaluation_by_slice"):
        return Panel("conversion_by_band", title, "", missing="no evaluation marts: run make backtest and make evaluate")
    data = frame(con, f"""
        select slice_value as band, sum(leads) as leads, sum(conversions) as conversions
        from {s}.evaluation_by_slice
        where scope = 'pooled' and slice_type = 'score_decile'
        group by 1 order by try_cast(band as integer), band""")
    if data.empty:
        return Panel("conversion_by_band", title, "",
                     missing="evaluation_by_slice has no pooled score deciles: run make backtest, then make evaluate")
    data["conversion_rate"] = data["conversions"] / data["leads"]
    figure = px.bar(data, x="band", y="conversion_rate",
                    labels={"band": "Score decile at the snapshot (10 = highest scores)",
                            "conversion_rate": "Share that reached the milestone within the horizon"})
    figure.update_yaxes(tickformat=".0%")
    return Panel("conversion_by_band", title,
                 "Past snapshots of the scores, grouped by score decile: the share of leads that converted within "
                 "the horizon. Bars should rise to the right; a flat chart means the score does not rank.", figure)


def top_reasons(con, s: str) -> Panel:
    import plotly.express as px
    data = frame(con, f"""
        with latest as (
            select top_reason_ids from {s}.lead_score_history
            where as_of = (select max(as_of) from {s}.lead_score_history) and top_reason_ids is not null
        ),
        ids as (select unnest(string_split(top_reason_ids, ',')) as rule_id from latest),
        labels as (
            select rule_id, label from {s}.scoring_rules
            union all select signal as rule_id, label from {s}.signal_weights
        )
        select coalesce(labels.label, ids.rule_id) as reason, count(*) as leads
        from ids left join labels on ids.rule_id = labels.rule_id
        group by 1 order by 2 desc, 1 limit 15""")
    if data.empty:
        return Panel("top_reasons", "Most frequent top reasons", "", missing="no top reasons yet")
    figure = px.bar(data.iloc[::-1], x="leads", y="reason", orientation="h",
                    labels={"leads": "Leads with it among their top reasons", "reason": "Rule or signal"})
    return Panel("top_reasons", "Most frequent top reasons",
                 "How many leads have each rule or signal among the top reasons shown to sales on the latest "
                 "scoring day: what drives the scores most often.", figure)


def movers(con, s: str) -> Panel:
    import plotly.express as px
    data = frame(con, f"""
        select lead_id, segment, score_delta_7d from {s}.lead_scores
        where score_delta_7d is not null and score_delta_7d > 0
        order by score_delta_7d desc, lead_id limit 15""")
    if data.empty:
        return Panel("movers", "Movers: biggest rises in 7 days", "",
                     missing="no lead has a score 7 days ago yet: the daily job (or make backfill) fills the history")
    figure = px.bar(data.iloc[::-1], x="score_delta_7d", y="lead_id", color="segment", orientation="h",
                    color_discrete_map=SEGMENT_COLOURS,
                    labels={"score_delta_7d": "Total score change over 7 days", "lead_id": "Lead",
                            "segment": "Segment today"})
    return Panel("movers", "Movers: biggest rises in 7 days",
                 "The 15 leads whose total score rose most since 7 days ago: often worth a call this week.", figure)


def quarantined_events(con, s: str) -> Panel:
    import plotly.express as px
    data = frame(con, f"select quarantine_reason, count(*) as events from {s}.events_quarantined group by 1 "
                      "order by 2 desc")
    if data.empty:
        return Panel("quarantine", "Events quarantined by reason", "", missing="no event was quarantined")
    figure = px.bar(data, x="quarantine_reason", y="events",
                    labels={"quarantine_reason": "Reason (events_quarantined)", "events": "Events"})
    return Panel("quarantine", "Events quarantined by reason",
                 "Events that could not be scored, by reason (no lead matched, an event type the map does not "
                 "know, no timestamp, ...): nothing is dropped silently, and a rising bar is a data problem.", figure)


def accounts(con, s: str) -> Panel:
    import plotly.express as px
    title = "Accounts: fit against engagement"
    if not has_table(con, s, "account_scores"):
        return Panel("accounts", title, "", missing="no account_scores")
    data = frame(con, f"""
        select account_id, account_name, account_fit_score, engagement_score,
               case when is_mqa then 'MQA' else 'not MQA' end as status, engaged_contacts
        from {s}.account_scores""")
    if data.empty:
        return Panel("accounts", title, "", missing="account_scores is empty")
    figure = px.scatter(data, x="account_fit_score", y="engagement_score", color="status",
                        hover_data=["account_id", "account_name", "engaged_contacts"],
                        color_discrete_map={"MQA": "#d7301f", "not MQA": "#9ecae1"}, opacity=0.7, render_mode="svg",
                        labels={"account_fit_score": "Account fit (firmographic rules)",
                                "engagement_score": "Engagement of its leads (top 5, diminishing)",
                                "status": "Account"})
    return Panel("accounts", title,
                 "One dot per account. Top right is where MQAs sit: good fit and several engaged people; an "
                 "account high up but alone on one contact is not an MQA (docs/accounts.md).", figure)


PANELS = (score_distribution, mqls_per_week, funnel, sla_breaches, conversion_by_band, top_reasons, movers,
          quarantined_events, accounts)


def render(panels: list[Panel], facts: dict) -> str:
    import plotly.io as pio
    import plotly.offline
    sections = []
    for panel in panels:
        if panel.figure is None:
            continue
        # The section's heading is the title (a second one inside the plot would repeat it).
        panel.figure.update_layout(template="plotly_white", height=440, margin={"l": 60, "r": 30, "t": 30, "b": 60})
        plot = pio.to_html(panel.figure, full_html=False, include_plotlyjs=False, div_id=f"plot-{panel.key}",
                           config={"displaylogo": False, "responsive": True})
        sections.append(f'<section class="panel" data-plot="{panel.key}"><h2>{html.escape(panel.title)}</h2>'
                        f'<p class="how">How to read this: {html.escape(panel.how_to_read)}</p>{plot}</section>')
    missing = "".join(f"<li><b>{html.escape(p.title)}</b>: {html.escape(p.missing)}</li>"
                      for p in panels if p.figure is None)
    missing_block = f'<section class="missing"><h2>Not shown yet</h2><ul>{missing}</ul></section>' if missing else ""
    # Errors of the page itself are collected where the browser test reads them.
    guard = ("window.__errors = []; const __note = m => { window.__errors.push(String(m));"
             " document.documentElement.setAttribute('data-page-errors', window.__errors.join(' | ')); };"
             " window.addEventListener('error', e => __note(e.message));"
             " const __consoleError = console.error; console.error = (...a) => { __note(a.join(' '));"
             " __consoleError(...a); };")
    facts_line = " · ".join(f"{html.escape(k)}: <b>{html.escape(str(v))}</b>" for k, v in facts.items())
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Lead scoring dashboard</title>
<script>{guard}</script>
<script>{plotly.offline.get_plotlyjs()}</script>
<style>
body {{ font-family: system-ui, sans-serif; margin: 24px auto; padding: 0 24px; max-width: 1200px; color: #222; }}
h1 {{ margin-bottom: 4px; }} .facts {{ color: #555; margin-bottom: 24px; }}
.panel {{ border-top: 1px solid #ddd; padding-top: 8px; margin-bottom: 28px; }}
.how {{ color: #555; margin: 0 0 8px 0; }} .missing {{ border-top: 1px solid #ddd; color: #555; }}
</style></head>
<body><h1>Lead scoring dashboard</h1>
<div class="facts">{facts_line}</div>
{''.join(sections)}
{missing_block}
<p class="how">Generated by make dashboard from the warehouse's public marts; every figure is a query on them
(lead_scoring_tools/dashboard/build.py). It opens offline: plotly.js is inside this file.</p>
</body></html>
"""


def build(db: str, out: Path, schema: str = "main") -> list[Panel]:
    con = duckdb.connect(db, read_only=True)
    try:
        if not has_table(con, schema, "lead_scores"):
            raise SystemExit(f"make dashboard: no {schema}.lead_scores in {db}: run make demo (or your build) first")
        facts_row = con.execute(f"select max(as_of), count(*), sum(case when is_mql then 1 else 0 end) "
                                f"from {schema}.lead_scores").fetchone()
        panels = [make(con, schema) for make in PANELS]
    finally:
        con.close()
    facts = {"scored as of": facts_row[0], "leads": f"{facts_row[1]:,}", "MQLs": f"{facts_row[2]:,}",
             "built": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(panels, facts), encoding="utf-8")
    (out.parent / "panels.json").write_text(json.dumps(
        [{"key": p.key, "title": p.title, "drawn": p.figure is not None, "missing": p.missing} for p in panels],
        indent=2))
    return panels


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default=os.environ.get("LEAD_SCORING_DB", str(PROJECT_DIR / "lead_scoring.duckdb")),
                        help="the DuckDB warehouse (default: env LEAD_SCORING_DB)")
    parser.add_argument("--schema", default="main", help="the marts' schema (default main)")
    parser.add_argument("--out", default=str(PROJECT_DIR / "target" / "dashboard" / "index.html"),
                        help="the HTML file to write (default target/dashboard/index.html)")
    args = parser.parse_args(argv)
    panels = build(args.db, Path(args.out), args.schema)
    drawn = [p.key for p in panels if p.figure is not None]
    print(f"wrote {args.out}: {len(drawn)} plots ({', '.join(drawn)})")
    for panel in panels:
        if panel.figure is None:
            print(f"  not shown: {panel.title}: {panel.missing}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
