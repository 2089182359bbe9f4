"""A naive pandas implementation of intent_score, the benchmark's second yardstick.

Loads the raw events, the leads and the seeds into DataFrames and computes, per
lead, the same intent score as the project (signal mapping, lead matching, whole-day
decay, caps): the way an analyst would write it in a notebook.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np
import pandas as pd


def _url_path(url: pd.Series) -> pd.Series:
    path = url.str.replace(r"^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*", "", regex=True)
    return path.str.replace(r"[?#].*$", "", regex=True).str.lower()


def intent_scores(con: duckdb.DuckDBPyConnection, as_of: dt.date) -> pd.DataFrame:
    cutoff = pd.Timestamp(as_of + dt.timedelta(days=1))
    leads = con.execute("select lead_id, email, created_at, is_deleted from raw.crm_leads").df()
    leads = leads[~leads["is_deleted"].fillna(False).astype(bool)].copy()
    leads["email"] = leads["email"].str.strip().str.lower().replace("", None)
    owners = (leads.dropna(subset=["email"]).sort_values(["created_at", "lead_id"])
              .drop_duplicates("email")[["email", "lead_id"]])

    events = con.execute("select lead_id, email, event_type, occurred_at, url, properties "
                         "from raw.activity_events").df()
    events = events[events["occurred_at"] < cutoff].copy()
    events["email"] = events["email"].str.strip().str.lower().replace("", None)
    events["event_type"] = events["event_type"].str.strip().str.lower()

    known = set(leads["lead_id"])
    by_id = events["lead_id"].where(events["lead_id"].isin(known))
    by_email = events["email"].map(owners.set_index("email")["lead_id"])
    events["resolved"] = by_id.fillna(by_email)

    mapping = con.execute("select * from main.event_signal_map").df()
    defaults = mapping[mapping["match_field"].isna()].set_index("source_event_type")["signal"]
    events["signal"] = events["event_type"].map(defaults)
    specific = mapping[mapping["match_field"].notna()]
    for row in specific.itertuples():
        rows = events["event_type"] == row.source_event_type
        if not rows.any():
            continue
        subset = events.loc[rows]
        if row.match_field == "url_path":
            value = _url_path(subset["url"].fillna(""))
        else:
            value = subset["properties"].map(
                lambda text, key=row.match_field: _json_key(text, key)).str.lower()
        hit = value.str.startswith(str(row.match_prefix).lower()).fillna(False)
        events.loc[hit[hit].index, "signal"] = row.signal

    events = events.dropna(subset=["resolved", "signal"])
    weights = con.execute("select * from main.signal_weights").df().set_index("signal")
    events = events.join(weights, on="signal", how="inner")
    age = (pd.Timestamp(as_of) - events["occurred_at"].dt.normalize()).dt.days.astype(float)
    mode = events["decay_mode"]
    factor = np.select(
        [mode == "exponential", mode == "linear", mode == "window"],
        [np.power(2.0, -age / events["half_life_days"]),
         np.maximum(0.0, 1 - age / events["window_days"]),
         (age < events["window_days"]).astype(float)],
        default=1.0)
    events["points"] = events["points"] * factor
    per_signal = events.groupby(["resolved", "signal"], sort=False)["points"].sum().reset_index()
    per_signal = per_signal.join(weights[["signal_group", "max_points"]], on="signal")
    per_signal["points"] = np.minimum(per_signal["points"], per_signal["max_points"])
    caps = con.execute("select cap_group, max_points from main.score_caps where component = 'intent'").df()
    caps = caps.set_index("cap_group")["max_points"]
    per_group = per_signal.groupby(["resolved", "signal_group"], sort=False)["points"].sum().reset_index()
    per_group["points"] = np.minimum(per_group["points"], per_group["signal_group"].map(caps).fillna(np.inf))
    total = per_group.groupby("resolved")["points"].sum()
    total = np.maximum(0.0, np.minimum(total, caps.get("total", np.inf)))

    scored = leads[leads["created_at"] < cutoff][["lead_id"]].copy()
    scored["intent_score"] = scored["lead_id"].map(total).fillna(0.0)
    return scored


def _json_key(text: object, key: str) -> object:
    import json
    if not isinstance(text, str):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    if not isinstance(value, dict) or value.get(key) is None:
        return None
    return str(value[key])
