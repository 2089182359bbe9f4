"""make train: learns a scorecard from the backtest and writes it as seeds for review.

Reads the labelled snapshots of a scoring model (int_lead_snapshots_labeled: every snapshot
whose horizon had passed, labelled with the chosen milestone) and the features behind them
(lead_feature_snapshots: the rules each lead matched and its decayed signal events that day),
fits an L2-regularised logistic regression (scikit-learn) on the older snapshot days and
judges it on the newest ones (a time-based holdout), then writes a candidate model in the
rules-as-data format of the seeds, into scorecards/<model_id>/:

- scoring_rules.csv, signal_weights.csv: the same rules and signals with learned points,
  scaled so that --pdo points double the odds (points = coefficient x pdo / ln 2);
- score_caps.csv: group caps opened up to the component caps, so that points add up;
- scoring_thresholds.csv: each score threshold moved to the candidate score at the same
  quantile of the training rows, so segment A, MQLs and grades keep today's volumes;
- model_card.md, scorecard.json: data window, rows, base rate, holdout AUC (candidate and
  the model it learned from, on the same rows), calibration, top features both ways, and
  every feature dropped and why (too rare, nearly constant, duplicate of another, possible
  leakage).

A human reviews the files like any weight change and copies them over seeds/ to switch.
Deterministic: the same snapshots give the same files. Reads DuckDB (LEAD_SCORING_DB).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

PROJECT_DIR = Path(__file__).resolve().parents[2]
LN2 = math.log(2.0)
THRESHOLD_SCORES = {
    "segment_a_min_total": "total", "segment_b_min_total": "total", "mql_min_total": "total",
    "sql_min_total": "total", "icp_min_fit": "fit", "hand_raiser_min_fit": "fit", "fit_grade_a_min": "fit",
    "fit_grade_b_min": "fit", "fit_grade_c_min": "fit", "intent_level_1_min": "intent",
    "intent_level_2_min": "intent", "intent_level_3_min": "intent",
}


class TrainingError(SystemExit):
    """A reason the data cannot give a useful model, said plainly."""

    def __init__(self, message: str) -> None:
        super().__init__(f"make train: {message}")


@dataclass
class Feature:
    feature_id: str
    kind: str  # rule or signal
    component: str
    rule_group: str
    base_points: float
    max_points: float | None = None
    hits: int = 0
    conversions: int = 0
    information_value: float = 0.0
    dropped: str | None = None
    coefficient: float = 0.0
    points: float = 0.0
    notes: list[str] = field(default_factory=list)


def read_seed(project_dir: Path, name: str) -> list[dict]:
    with open(project_dir / "seeds" / f"{name}.csv", newline="") as handle:
        return list(csv.DictReader(handle))


def write_seed(path: Path, rows: list[dict], fields: list[str]) -> None:
    with open(path, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def number(value: str | None) -> float | None:
    return float(value) if value not in (None, "") else None


def fmt(value: float) -> str:
    """Points as the seeds hold them: one decimal, no trailing .0."""
    text = f"{round(value, 1):.1f}"
    return text[:-2] if text.endswith(".0") else text


def day_text(value) -> str:
    return pd.Timestamp(value).date().isoformat()


def is_kept_negative(row_key: str, rate: float) -> bool:
    """Deterministic subsample of the non-converted training rows (md5, like the holdout)."""
    return int(hashlib.md5(row_key.encode()).hexdigest()[:8], 16) < rate * 2**32


def load_rows(con: duckdb.DuckDBPyConnection, schema: str, base_model: str, milestone: str, horizon: int) -> pd.DataFrame:
    return con.execute(f"""
        select snapshot_date, lead_id, population, fit_score, intent_score, total_score, converted
        from {schema}_intermediate.int_lead_snapshots_labeled
        where is_evaluated and model_id = ? and milestone = ? and horizon_days = ?
        order by snapshot_date, lead_id
    """, [base_model, milestone, horizon]).df()


def load_features(con: duckdb.DuckDBPyConnection, schema: str, base_model: str, rows: pd.DataFrame,
                  catalogue_: dict[str, "Feature"]) -> dict[str, np.ndarray]:
    """The non-zero cells of the design matrix, computed in DuckDB: row, feature position and
    value. Rules: 1 when matched. Signals worth points: decayed events after the signal's own
    cap (decayed points / points per event), which the learned points per event multiply back.
    Signals worth 0 points: 1 when the lead had events (their decay cannot be read back)."""
    keys = pd.DataFrame({"snapshot_date": rows["snapshot_date"], "lead_id": rows["lead_id"],
                         "row_id": np.arange(len(rows), dtype=np.int32)})
    features = pd.DataFrame({
        "rule_id": list(catalogue_), "position": np.arange(len(catalogue_), dtype=np.int32),
        "per_event": [f.base_points if f.kind == "signal" and f.base_points > 0 else 0.0 for f in catalogue_.values()]})
    con.register("train_rows", keys)
    con.register("train_features", features)
    try:
        return con.execute(f"""
            select
                train_rows.row_id,
                train_features.position,
                cast(case
                    when train_features.per_event > 0 then snapshots.decayed_points / train_features.per_event
                    else 1
                end as float) as value
            from {schema}.lead_feature_snapshots as snapshots
            inner join train_rows
                on snapshots.as_of = train_rows.snapshot_date and snapshots.lead_id = train_rows.lead_id
            inner join train_features
                on snapshots.rule_id = train_features.rule_id
            where snapshots.model_id = ?
            order by 1, 2
        """, [base_model]).fetchnumpy()
    finally:
        con.unregister("train_rows")
        con.unregister("train_features")


def unmapped_event_types(con: duckdb.DuckDBPyConnection, schema: str, rows: pd.DataFrame, horizon: int,
                         min_hits: int) -> list[dict]:
    """Event types no row of event_signal_map maps (quarantined as unmapped_event_type), measured
    like a feature: a row is hit when its lead (by lead id) had such an event in the `horizon`
    days up to the snapshot day. Those with at least min_hits rows and |z| >= 2 are suggested
    for a mapping, with their conversion against the rest."""
    keys = pd.DataFrame({"snapshot_date": rows["snapshot_date"], "lead_id": rows["lead_id"],
                         "converted": rows["converted"].astype(int)})
    con.register("train_rows", keys)
    try:
        found = con.execute(f"""
            with unmapped as (
                select distinct source_lead_id as lead_id, event_type, activity_date
                from {schema}.events_quarantined
                where quarantine_reason = 'unmapped_event_type' and source_lead_id is not null
            ),
            hit_rows as (
                select distinct unmapped.event_type, train_rows.snapshot_date, train_rows.lead_id, train_rows.converted
                from train_rows
                inner join unmapped
                    on unmapped.lead_id = train_rows.lead_id
                    and unmapped.activity_date <= cast(train_rows.snapshot_date as date)
                    and unmapped.activity_date > cast(train_rows.snapshot_date as date) - {int(horizon)}
            )
            select event_type, count(*) as hits, sum(converted) as conversions
            from hit_rows group by event_type order by event_type
        """).fetchall()
    finally:
        con.unregister("train_rows")
    total, conversions = len(keys), int(keys["converted"].sum())
    base = conversions / total if total else 0.0
    suggestions = []
    for event_type, hits, hit_conversions in found:
        hit_conversions = int(hit_conversions)
        miss = total - hits
        rate_hit = hit_conversions / hits
        rate_miss = (conversions - hit_conversions) / miss if miss else 0.0
        z = ((rate_hit - rate_miss) / math.sqrt(base * (1 - base) * (1 / hits + 1 / miss))
             if miss and 0 < base < 1 else 0.0)
        suggestions.append({
            "event_type": event_type, "rows_hit": int(hits), "conversions_when_hit": hit_conversions,
            "conversion_when_hit": round(rate_hit, 6), "conversion_when_not_hit": round(rate_miss, 6),
            "lift": round(rate_hit / base, 3) if base else None, "z_score": round(z, 2),
            "suggested": hits >= min_hits and abs(z) >= 2})
    return suggestions


def catalogue(project_dir: Path) -> dict[str, Feature]:
    features: dict[str, Feature] = {}
    for rule in read_seed(project_dir, "scoring_rules"):
        features[rule["rule_id"]] = Feature(rule["rule_id"], "rule", rule["component"], rule["rule_group"],
                                            float(rule["points"]))
    for signal in read_seed(project_dir, "signal_weights"):
        features[signal["signal"]] = Feature(signal["signal"], "signal", "intent", signal["signal_group"],
                                             float(signal["points"]), number(signal["max_points"]))
    return features


def information_value(hits: int, hit_conversions: int, rows: int, conversions: int) -> float:
    a = (hit_conversions + 0.5) / (conversions + 1)
    b = (hits - hit_conversions + 0.5) / (rows - conversions + 1)
    c = (conversions - hit_conversions + 0.5) / (conversions + 1)
    d = (rows - hits - conversions + hit_conversions + 0.5) / (rows - conversions + 1)
    return (a - b) * math.log(a / b) + (c - d) * math.log(c / d)


def expected_calibration_error(p: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    order = np.argsort(p, kind="stable")
    total = 0.0
    for chunk in np.array_split(order, bins):
        if len(chunk):
            total += len(chunk) * abs(p[chunk].mean() - y[chunk].mean())
    return total / len(p)


def component_scores(matrix: sparse.csr_matrix, points: np.ndarray, components: np.ndarray) -> dict[str, np.ndarray]:
    """fit, intent and negative per row as fit_scores / intent_scores / negative_scores add
    them with the candidate's caps: fit and intent within [0, 100], negative within [-100, 0]."""
    scores = {}
    for component, low, high in (("fit", 0.0, 100.0), ("intent", 0.0, 100.0), ("negative", -100.0, 0.0)):
        mask = (components == component).astype(float)
        scores[component] = np.clip(matrix @ (points * mask), low, high)
    scores["total"] = scores["fit"] + scores["intent"] + scores["negative"]
    return scores


def seed_component(feature: Feature) -> str | None:
    """The component a learned feature's points go to: a negative rule that raises the odds
    becomes a fit rule; a signal that lowers them scores nothing (None)."""
    if feature.kind == "signal":
        return "intent" if feature.coefficient > 0 else None
    if feature.component == "negative" and feature.coefficient > 0:
        return "fit"
    return feature.component


def choose_pdo(requested: str, train: sparse.csr_matrix, features: list[Feature]) -> float:
    """--pdo as given, or auto: the largest whole number of points per doubling of the odds
    with which the 99th percentile of the training rows' fit and intent (and the 1st of their
    negative score) stay within the component caps of 100 points."""
    if requested != "auto":
        pdo = float(requested)
        if pdo <= 0:
            raise TrainingError(f"--pdo must be above 0, got {requested}")
        return pdo
    coefficients = np.array([f.coefficient for f in features])
    components = np.array([seed_component(f) for f in features], dtype=object)
    spread = 0.0
    for component in ("fit", "intent", "negative"):
        logits = train @ np.where(components == component, coefficients, 0.0)
        if component == "negative":
            spread = max(spread, -float(np.percentile(logits, 1)))
        else:
            spread = max(spread, float(np.percentile(logits, 99)))
    return float(max(1, math.floor(100 * LN2 / spread))) if spread > 0 else 20.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default=os.environ.get("LEAD_SCORING_DB", str(PROJECT_DIR / "lead_scoring.duckdb")))
    parser.add_argument("--schema", default="main", help="the target schema of the marts (default main)")
    parser.add_argument("--model-id", default="learned_v1", help="name of the candidate (default learned_v1)")
    parser.add_argument("--base-model", default="rules_v1", help="the scoring model whose snapshots to learn from")
    parser.add_argument("--milestone", default="opportunity_created")
    parser.add_argument("--horizon-days", type=int, default=90)
    parser.add_argument("--pdo", default="auto",
                        help="points that double the odds; auto (default): the largest whole number that keeps "
                             "99%% of the training rows within each component's 0-100 range")
    parser.add_argument("--holdout-share", type=float, default=0.25,
                        help="share of the newest snapshot days held out (default 0.25)")
    parser.add_argument("--c", type=float, default=1.0, help="inverse L2 strength of the regression (default 1)")
    parser.add_argument("--min-hits", type=int, default=30, help="training rows a feature needs (default 30)")
    parser.add_argument("--min-outcomes", type=int, default=40,
                        help="converted and not converted training rows needed (default 40)")
    parser.add_argument("--leakage-iv", type=float, default=1.0,
                        help="information value above which a feature is dropped as possible leakage (default 1.0)")
    parser.add_argument("--max-rows", type=int, default=2_000_000,
                        help="training rows kept; non-converted rows beyond it are subsampled and weighted")
    parser.add_argument("--project-dir", default=str(PROJECT_DIR))
    parser.add_argument("--out-dir", default=None, help="model card and scorecard.json; default scorecards/<model-id>")
    parser.add_argument("--no-register", action="store_true",
                        help="write the seeds into --out-dir too, and leave seeds/ alone (no candidate registered)")
    args = parser.parse_args(argv)
    project_dir = Path(args.project_dir)
    out_dir = Path(args.out_dir) if args.out_dir else project_dir / "scorecards" / args.model_id
    if args.model_id == args.base_model:
        raise TrainingError("--model-id must differ from --base-model: the candidate gets its own name")

    con = duckdb.connect(args.db, read_only=True)
    try:
        rows = load_rows(con, args.schema, args.base_model, args.milestone, args.horizon_days)
        if rows.empty:
            raise TrainingError(
                f"no labelled snapshots of model {args.base_model} for milestone {args.milestone} and horizon "
                f"{args.horizon_days} days: run make backtest, then make evaluate, first")
        days = sorted(rows["snapshot_date"].unique())
        holdout_days = max(1, math.ceil(len(days) * args.holdout_share))
        if len(days) - holdout_days < 1:
            raise TrainingError(
                f"{len(days)} snapshot day(s) cannot be split in time: backtest over more dates (one day at least "
                "for training and one for the holdout)")
        first_holdout = days[len(days) - holdout_days]
        is_train = (rows["snapshot_date"] < first_holdout).to_numpy()
        y = rows["converted"].to_numpy(dtype=float)
        positives, negatives = int(y[is_train].sum()), int((1 - y[is_train]).sum())
        if positives < args.min_outcomes or negatives < args.min_outcomes:
            raise TrainingError(
                f"the training days hold {positives} converted and {negatives} not converted rows; at least "
                f"{args.min_outcomes} of each are needed (--min-outcomes): backtest over a longer window, or train "
                "on an earlier milestone")
        weight = np.ones(len(rows))
        keep = np.ones(len(rows), dtype=bool)
        if is_train.sum() > args.max_rows:
            rate = max(0.0, (args.max_rows - positives) / max(negatives, 1))
            keys = rows["lead_id"].astype(str) + "|" + rows["snapshot_date"].astype(str)
            sampled = np.array([is_kept_negative(key, rate) for key in keys])
            keep = ~is_train | (y == 1) | sampled
            weight = np.where(is_train & (y == 0), 1.0 / rate, 1.0)
        rows, y, weight, is_train = rows[keep].reset_index(drop=True), y[keep], weight[keep], is_train[keep]
        catalogue_ = catalogue(project_dir)
        cells = load_features(con, args.schema, args.base_model, rows, catalogue_)
        unmapped = unmapped_event_types(con, args.schema, rows[is_train], args.horizon_days, args.min_hits)
    finally:
        con.close()

    ids = list(catalogue_)
    matrix = sparse.csr_matrix((cells["value"].astype(np.float64), (cells["row_id"], cells["position"])),
                               shape=(len(rows), len(ids)))
    del cells
    train, hold = matrix[is_train], matrix[~is_train]
    y_train, y_hold = y[is_train], y[~is_train]
    w_train = weight[is_train]

    # Which features may enter: enough hits, not (nearly) everyone, not a copy of another,
    # not so predictive that it is probably filled only after conversion.
    hit_matrix = (train > 0).astype(np.int8).tocsc()
    train_rows, train_conversions = int(w_train.sum()), float((w_train * y_train).sum())
    seen_patterns: dict[bytes, str] = {}
    for position, feature_id in enumerate(ids):
        feature = catalogue_[feature_id]
        hit_rows = hit_matrix.indices[hit_matrix.indptr[position]:hit_matrix.indptr[position + 1]]
        feature.hits = int(w_train[hit_rows].sum())
        feature.conversions = int(round((w_train[hit_rows] * y_train[hit_rows]).sum()))
        feature.information_value = information_value(feature.hits, feature.conversions, train_rows,
                                                      train_conversions)
        pattern = hashlib.md5(hit_rows.tobytes()).digest()
        if feature.hits < args.min_hits:
            feature.dropped = f"too rare: {feature.hits} training rows hit (--min-hits {args.min_hits})"
        elif feature.hits >= 0.99 * train_rows:
            feature.dropped = f"nearly constant: hits {feature.hits / train_rows:.1%} of the training rows"
        elif pattern in seen_patterns and feature.kind == "rule":
            feature.dropped = f"duplicate: hits exactly the rows of {seen_patterns[pattern]}"
        elif feature.information_value > args.leakage_iv:
            feature.dropped = (f"possible leakage: information value {feature.information_value:.2f} > "
                               f"{args.leakage_iv} (often a field filled only after conversion; --leakage-iv)")
        else:
            seen_patterns.setdefault(pattern, feature_id)
    used = [position for position, feature_id in enumerate(ids) if catalogue_[feature_id].dropped is None]
    if not used:
        raise TrainingError("every feature was dropped (see the reasons in the logs of the feature table)")

    model = LogisticRegression(C=args.c, solver="lbfgs", max_iter=2000, tol=1e-10)
    model.fit(train[:, used], y_train, sample_weight=w_train)
    intercept = float(model.intercept_[0])
    for position, coefficient in zip(used, model.coef_[0]):
        catalogue_[ids[position]].coefficient = float(coefficient)
    pdo = choose_pdo(args.pdo, train, [catalogue_[feature_id] for feature_id in ids])
    for feature in catalogue_.values():
        feature.points = feature.coefficient * pdo / LN2

    # Points into seed form. A rule learned to point the other way changes component (a
    # negative rule that raises the odds becomes a fit rule), except suppressing rules, which
    # are business rules: they keep their points and flag. Signals cannot be negative.
    rules_out = read_seed(project_dir, "scoring_rules")
    fit_group = "role"
    for rule in rules_out:
        feature = catalogue_[rule["rule_id"]]
        learned = round(feature.points, 1) if feature.dropped is None else 0.0
        suppresses = rule["suppresses"].strip().lower() == "true"
        if rule["component"] == "negative" and learned > 0:
            if suppresses:
                feature.notes.append("suppressing rule learned to raise the odds: kept as it was")
                learned = float(rule["points"])
            else:
                feature.notes.append(f"negative rule learned to raise the odds: now a fit rule in group {fit_group}")
                rule["component"], rule["rule_group"] = "fit", fit_group
        elif rule["component"] == "fit" and learned < 0:
            feature.notes.append("fit rule learned to lower the odds: negative fit points (the fit score floors at 0)")
        feature.component = rule["component"]
        feature.points = learned
        rule["points"] = fmt(learned)
    signals_out = read_seed(project_dir, "signal_weights")
    for signal in signals_out:
        feature = catalogue_[signal["signal"]]
        learned = round(feature.points, 1) if feature.dropped is None else 0.0
        if learned < 0:
            feature.notes.append("lowers the odds: set to 0 (signals add points only; a negative rule can use it)")
            learned = 0.0
        base_max = number(signal["max_points"])
        ratio = (base_max / feature.base_points) if feature.base_points > 0 and base_max is not None else 1.0
        signal["max_points"] = fmt(learned * ratio)
        feature.points = learned
        signal["points"] = fmt(learned)
    caps_out = read_seed(project_dir, "score_caps")
    totals = {cap["component"]: cap["max_points"] for cap in caps_out if cap["cap_group"] == "total"}
    for cap in caps_out:
        cap["max_points"] = totals[cap["component"]]

    # Scores of every row under the candidate, as the models would compute them.
    learned_points = np.array([catalogue_[feature_id].points for feature_id in ids])
    components = np.array([catalogue_[feature_id].component for feature_id in ids])
    scores = component_scores(matrix, learned_points, components)
    thresholds_out = read_seed(project_dir, "scoring_thresholds")
    train_frame = rows[is_train]
    for threshold in thresholds_out:
        score = THRESHOLD_SCORES.get(threshold["threshold_name"])
        if score is None:
            continue
        population = (train_frame["population"] == threshold["population"]).to_numpy()
        live = train_frame[f"{score}_score"].to_numpy()[population]
        if len(live) == 0:
            continue
        share_below = float((live < float(threshold["threshold_value"])).mean())
        candidate = scores[score][is_train][population]
        threshold["threshold_value"] = fmt(float(np.quantile(candidate, share_below)) if share_below < 1 else
                                           float(candidate.max()) + 1)

    holdout_total = scores["total"][~is_train]
    live_total = rows["total_score"].to_numpy()[~is_train]
    both_classes = 0 < y_hold.sum() < len(y_hold)
    logit = intercept + holdout_total * LN2 / pdo
    p_hold = 1.0 / (1.0 + np.exp(-logit))
    card = {
        "model_id": args.model_id, "learned_from": args.base_model, "milestone": args.milestone,
        "horizon_days": args.horizon_days, "points_to_double_odds": pdo, "intercept": round(intercept, 6),
        "odds_at_zero_points": round(math.exp(intercept), 6), "l2_c": args.c,
        "training_days": [day_text(days[0]), day_text(days[len(days) - holdout_days - 1])],
        "holdout_days": [day_text(first_holdout), day_text(days[-1])],
        "training_rows": int(is_train.sum()), "training_rows_weighted": train_rows,
        "training_conversions": int(y_train.sum()), "holdout_rows": int((~is_train).sum()),
        "holdout_conversions": int(y_hold.sum()),
        "base_rate_training": round(train_conversions / train_rows, 6),
        "base_rate_holdout": round(float(y_hold.mean()), 6) if len(y_hold) else None,
        "holdout_roc_auc": round(float(roc_auc_score(y_hold, holdout_total)), 4) if both_classes else None,
        "holdout_roc_auc_of_base_model": round(float(roc_auc_score(y_hold, live_total)), 4) if both_classes else None,
        "holdout_calibration_error": round(expected_calibration_error(p_hold, y_hold), 6) if len(y_hold) else None,
        "holdout_share_at_a_component_cap": round(float(np.mean(
            (scores["fit"][~is_train] >= 100) | (scores["intent"][~is_train] >= 100)
            | (scores["negative"][~is_train] <= -100))), 6),
        "unmapped_event_types": unmapped,
        "features": [{
            "feature": f.feature_id, "kind": f.kind, "component": f.component, "base_points": f.base_points,
            "points": f.points, "coefficient": round(f.coefficient, 6), "training_hits": f.hits,
            "training_conversions_when_hit": f.conversions, "information_value": round(f.information_value, 4),
            "dropped": f.dropped, "notes": f.notes} for f in catalogue_.values()],
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    for kind, rows_of_kind in (("scoring_rules", rules_out), ("signal_weights", signals_out),
                               ("score_caps", caps_out), ("scoring_thresholds", thresholds_out)):
        if args.no_register:
            path = out_dir / f"{kind}.csv"
        else:
            path = project_dir / "seeds" / "candidates" / kind / f"{args.model_id}__{kind}.csv"
            path.parent.mkdir(parents=True, exist_ok=True)
        write_seed(path, rows_of_kind, list(rows_of_kind[0]))
    if not args.no_register:
        register_candidate(project_dir, args.model_id, card)
    (out_dir / "scorecard.json").write_text(json.dumps(card, indent=2) + "\n")
    (out_dir / "model_card.md").write_text(model_card(card))
    print(model_card(card))
    print(f"wrote {out_dir}")
    return 0


def register_candidate(project_dir: Path, model_id: str, card: dict) -> None:
    """Adds model_id to seeds/scoring_models.csv as a candidate (or refreshes its description);
    a live or retired model of that name is an error."""
    path = project_dir / "seeds" / "scoring_models.csv"
    with open(path, newline="") as handle:
        models = list(csv.DictReader(handle))
    description = (f"Learned by make train from {card['learned_from']} ({card['milestone']} within "
                   f"{card['horizon_days']} days; holdout AUC {card['holdout_roc_auc']})")
    form = {"logistic_intercept": f"{card['intercept']:.6f}", "points_to_double_odds": f"{card['points_to_double_odds']:g}",
            "logistic_milestone": card["milestone"], "logistic_horizon_days": str(card["horizon_days"])}
    for model in models:
        if model["model_id"] == model_id:
            if model["status"] != "candidate":
                raise TrainingError(f"{model_id} is {model['status']} in seeds/scoring_models.csv: train under another name")
            model.update({"description": description, **form})
            break
    else:
        models.append({"model_id": model_id, "status": "candidate", "description": description, **form})
    write_seed(path, models, ["model_id", "status", "description", *form])


def model_card(card: dict) -> str:
    kept = [f for f in card["features"] if f["dropped"] is None and f["points"] != 0]
    kept.sort(key=lambda f: -f["points"])
    dropped = [f for f in card["features"] if f["dropped"]]
    lines = [
        f"# Model card: {card['model_id']}",
        "",
        f"Learned by `make train` from the snapshots of `{card['learned_from']}`: milestone "
        f"`{card['milestone']}` within {card['horizon_days']} days, L2 logistic regression (C {card['l2_c']}), "
        f"{card['points_to_double_odds']:g} points double the odds; odds at 0 points {card['odds_at_zero_points']:.4g} "
        f"(intercept {card['intercept']:.4f}).",
        "",
        "| | training | holdout (newer days, never seen) |",
        "| --- | --- | --- |",
        f"| snapshot days | {card['training_days'][0]} to {card['training_days'][1]} | "
        f"{card['holdout_days'][0]} to {card['holdout_days'][1]} |",
        f"| rows (conversions) | {card['training_rows']:,} ({card['training_conversions']:,}) | "
        f"{card['holdout_rows']:,} ({card['holdout_conversions']:,}) |",
        f"| base rate | {card['base_rate_training']:.4f} | {card['base_rate_holdout']:.4f} |",
        f"| ROC AUC, this candidate | | {card['holdout_roc_auc']} |",
        f"| ROC AUC, {card['learned_from']} on the same rows | | {card['holdout_roc_auc_of_base_model']} |",
        f"| expected calibration error of the logistic form | | {card['holdout_calibration_error']} |",
        f"| rows where a component cap binds | | {card['holdout_share_at_a_component_cap']:.2%} |",
        "",
        "## Points (most positive first)",
        "",
        "| feature | kind | component | points before | learned points | rows hit | conversions when hit | IV | note |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for f in kept:
        lines.append(f"| {f['feature']} | {f['kind']} | {f['component']} | {f['base_points']:g} | {f['points']:g} | "
                     f"{f['training_hits']:,} | {f['training_conversions_when_hit']:,} | {f['information_value']:.3f} | "
                     f"{'; '.join(f['notes'])} |")
    lines += ["", "Signal points are per event, before decay, as in signal_weights.csv.", "",
              "## Dropped features", "", "| feature | kind | why |", "| --- | --- | --- |"]
    for f in dropped:
        lines.append(f"| {f['feature']} | {f['kind']} | {f['dropped']} |")
    suggested = [u for u in card["unmapped_event_types"] if u["suggested"]]
    lines += ["", "## Unmapped event types that carry signal", ""]
    if suggested:
        lines += ["Quarantined as unmapped_event_type, yet leads with them in the horizon before a snapshot day "
                  "convert differently (|z| >= 2): map them in seeds/event_signal_map.csv, then backtest and "
                  "train again.", "",
                  "| event type | rows hit | conversions when hit | conversion when hit | when not | lift | z |",
                  "| --- | --- | --- | --- | --- | --- | --- |"]
        for u in suggested:
            lines.append(f"| {u['event_type']} | {u['rows_hit']:,} | {u['conversions_when_hit']:,} | "
                         f"{u['conversion_when_hit']:.4f} | {u['conversion_when_not_hit']:.4f} | {u['lift']} | "
                         f"{u['z_score']} |")
    else:
        lines.append("None: every unmapped event type is too rare or shows no separation.")
    lines += ["", f"The seeds are in seeds/candidates/<kind>/{card['model_id']}__<kind>.csv and the model is a candidate "
              "in seeds/scoring_models.csv: make shadow scores it beside the live model, make backtest MODEL=... on past "
              "days, and model_comparison shows who would move. Review the diff against seeds/ like any weight change; "
              "to switch, copy the files over seeds/ and make it the live model there and in var lead_scoring_model_id.",
              ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
