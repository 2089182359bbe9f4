"""Outcomes and evaluation on generated data with a planted truth (lead_scoring_tools.demo.generate:
freelancers convert better although the default rule neg_freelancer takes 15 points off them).

One backtest of monthly snapshots (the `small` size, 5,000 leads) is shared by the module:
- the evaluation finds the planted truth: neg_freelancer is flagged wrong_sign, and the AUC of
  the true log-odds is at least the default rules' AUC;
- the AUC computed in SQL equals a reference computed in Python on the same rows, and the
  p_convert fit equals a reference Newton fit in Python;
- p_convert is calibrated on the holdout leads (ECE below 0.05), and lead_scores carries it;
- censoring: a snapshot whose horizon has not passed is never counted;
- no look-ahead: moving every outcome a day earlier or later changes exactly the labels whose
  outcome sits on a boundary, and outcomes moved after a snapshot day leave its scores alone;
- bad outcome input is quarantined with a reason, and a horizon longer than the data stops
  make evaluate with a message saying what to do.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil

import duckdb
import numpy as np
import pandas as pd
import pytest

from conftest import PROJECT_DIR, DbtProject, copy_project
from lead_scoring_tools.demo.generate import SIZES, Generator
from lead_scoring_tools.ops import backtest, evaluate
from lead_scoring_tools.ops.dbt_invoke import environment, invoke
from lead_scoring_tools.train import scorecard

pytestmark = pytest.mark.duckdb_only

END = dt.date(2026, 6, 30)
AS_OF = "2026-06-30"
HORIZON = 90
SNAPSHOTS = ("2025-10-01", "2026-02-01")  # monthly; the last one's horizon ends 2026-05-02


def tool_env(project: DbtProject, target: DbtProject | None = None) -> dict:
    """The environment of make backtest / make evaluate on the project's file; target: the
    project whose target folder (and so whose partial parse) the tool uses."""
    return {"LEAD_SCORING_DB": str(project.db_path), "LEAD_SCORING_TARGET": "duckdb",
            "DBT_PROFILES_DIR": str(PROJECT_DIR / "profiles"),
            "DBT_TARGET_PATH": str((target or project).workdir / "target"),
            "DBT_LOG_PATH": str(project.workdir / "logs"), "DBT_WRITE_JSON": "false", "DBT_LOG_LEVEL_FILE": "none",
            "LEAD_SCORING_AS_OF": None}


@pytest.fixture(scope="module")
def evaluated(tmp_path_factory) -> DbtProject:
    """The small dataset, backtested monthly and evaluated as of 2026-06-30; a pristine copy of
    the file is kept beside it for the tests that edit data."""
    project = DbtProject(tmp_path_factory.mktemp("evaluation"))
    con = duckdb.connect(str(project.db_path))
    Generator(SIZES["small"], seed=11, end_date=END, chunk_leads=50_000, progress=False).run(con)
    con.close()
    with environment(tool_env(project)):
        assert backtest.main(["--from", SNAPSHOTS[0], "--to", SNAPSHOTS[1], "--every", "month"]) == 0
    project.dbt("build", "--selector", "evaluation", as_of=AS_OF)
    shutil.copy(project.db_path, project.workdir / "evaluated.duckdb")
    return project


def copy_of(evaluated: DbtProject, tmp_path) -> DbtProject:
    project = DbtProject(tmp_path / "copy")
    project.workdir.mkdir()
    shutil.copy(evaluated.workdir / "evaluated.duckdb", project.db_path)
    return project


def frame(project: DbtProject, sql: str) -> pd.DataFrame:
    con = duckdb.connect(str(project.db_path), read_only=True)
    try:
        return con.execute(sql).df()
    finally:
        con.close()


def reference_auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """Mann-Whitney: ranks with ties at their average, as the textbook writes it."""
    ranks = pd.Series(scores).rank(method="average").to_numpy()
    positives, negatives = labels.sum(), len(labels) - labels.sum()
    return (ranks[labels == 1].sum() - positives * (positives + 1) / 2) / (positives * negatives)


POOLED = ("select * from main.evaluation_summary where scope = 'pooled' and milestone = 'opportunity_created' "
          f"and horizon_days = {HORIZON}")
ROWS = ("select * from main_intermediate.int_lead_snapshots_labeled where is_evaluated "
        "and milestone = 'opportunity_created'")


def test_the_evaluation_finds_the_planted_truth(evaluated):
    rules = frame(evaluated, "select * from main.rule_effectiveness where milestone = 'opportunity_created'")
    freelancer = rules.set_index("rule_id").loc["neg_freelancer"]
    assert freelancer["verdict"] == "wrong_sign"
    assert freelancer["conversion_when_hit"] > freelancer["conversion_when_not_hit"]
    assert freelancer["points"] < 0
    # A rule and a signal the truth rewards are not flagged as pointing the wrong way.
    assert not rules.set_index("rule_id").loc[["fit_employees_1000_plus", "demo_request"], "has_wrong_sign"].any()
    # The account-context rules ship with 0 points and are measured like any rule, so a team
    # can see from its own outcomes whether they deserve points.
    account_rules = rules.set_index("rule_id").loc[["fit_account_mqa", "fit_account_high_fit"]]
    assert (account_rules["points"] == 0).all() and account_rules.loc["fit_account_high_fit", "leads_hit"] > 0
    # The planted truth ranks converters at least as well as the default rules do.
    rows = frame(evaluated, ROWS + " order by snapshot_date, lead_id")
    truth = frame(evaluated, "select lead_id, truth_logit from raw.demo_truth")
    rows = rows.merge(truth, on="lead_id")
    summary = frame(evaluated, POOLED).iloc[0]
    truth_auc = reference_auc(rows["truth_logit"].to_numpy(), rows["converted"].to_numpy())
    assert truth_auc >= summary["roc_auc"] > 0.6
    assert summary["evaluated_leads"] == len(rows) > 10_000


def test_auc_in_sql_equals_a_reference_in_python(evaluated):
    rows = frame(evaluated, ROWS)
    summary = frame(evaluated, POOLED).iloc[0]
    labels = rows["converted"].to_numpy()
    for column, score in [("roc_auc", "total_score"), ("fit_roc_auc", "fit_score"), ("intent_roc_auc", "intent_score")]:
        assert summary[column] == pytest.approx(reference_auc(rows[score].to_numpy(), labels), abs=1e-12), column
    # Per snapshot day too.
    per_day = frame(evaluated, "select snapshot_date, roc_auc from main.evaluation_summary where scope = 'snapshot' "
                               "and milestone = 'opportunity_created' and not is_censored")
    day = per_day.iloc[0]
    mine = rows[rows["snapshot_date"] == day["snapshot_date"]]
    assert day["roc_auc"] == pytest.approx(reference_auc(mine["total_score"].to_numpy(), mine["converted"].to_numpy()),
                                           abs=1e-12)


def reference_fit(scores: np.ndarray, labels: np.ndarray, ridge: float = 1.0) -> tuple[float, float]:
    """Newton's method on scores rounded to 0.01, standardised, with the ridge of the model."""
    grouped = pd.DataFrame({"score": np.floor(scores * 100 + 0.5) / 100, "y": labels}).groupby("score")["y"].agg(
        ["count", "sum"])
    score, weight, positives = grouped.index.to_numpy(), grouped["count"].to_numpy(float), grouped["sum"].to_numpy(float)
    mean = (weight * score).sum() / weight.sum()
    sd = np.sqrt((weight * score ** 2).sum() / weight.sum() - mean ** 2)
    x = (score - mean) / sd
    base = positives.sum() / weight.sum()
    a, b = np.log(base / (1 - base)), 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-(a + b * x)))
        g = np.array([(positives - weight * p).sum(), ((positives - weight * p) * x).sum() - ridge * b])
        w = weight * p * (1 - p)
        h = np.array([[w.sum(), (w * x).sum()], [(w * x).sum(), (w * x * x).sum() + ridge]])
        a, b = np.array([a, b]) + np.linalg.solve(h, g)
    return a - b * mean / sd, b / sd


def test_p_convert_is_fitted_in_sql_as_in_python_and_calibrated_on_unseen_leads(evaluated):
    rows = frame(evaluated, ROWS + " and not is_holdout")
    calibration = frame(evaluated, "select * from main.p_convert_calibration where milestone = 'opportunity_created'")
    fitted = calibration.iloc[0]
    assert fitted["calibration_status"] == "fitted"
    intercept, slope = reference_fit(rows["total_score"].to_numpy(), rows["converted"].to_numpy())
    assert (fitted["intercept"], fitted["slope"]) == (pytest.approx(intercept, rel=1e-9), pytest.approx(slope, rel=1e-9))
    assert slope > 0
    summary = frame(evaluated, POOLED).iloc[0]
    assert summary["holdout_leads"] > 1_000
    assert summary["holdout_calibration_error"] < 0.05
    # The holdout leads were never fitted on: none of them is in the training rows.
    holdout = frame(evaluated, ROWS + " and is_holdout")
    assert set(holdout["lead_id"]).isdisjoint(rows["lead_id"])
    assert 0.1 < holdout["lead_id"].nunique() / (holdout["lead_id"].nunique() + rows["lead_id"].nunique()) < 0.3


def test_lead_scores_carry_p_convert_after_the_backtest(evaluated, tmp_path):
    project = copy_of(evaluated, tmp_path)
    project.dbt("run", "--select", "+lead_scores", as_of=AS_OF)
    scores = frame(project, "select p_convert, p_convert_status, p_convert_calibration_id from main.lead_scores")
    fitted = scores[scores["p_convert_status"] == "fitted"]
    assert len(fitted) > 0.8 * len(scores)
    assert fitted["p_convert"].between(0, 1).all()
    assert set(fitted["p_convert_calibration_id"]) == {"rules_v1:opportunity_created:90d:2026-02-01"}
    assert (scores["p_convert_status"] == "already_reached").sum() > 0
    history = frame(project, "select count(p_convert) from main.lead_score_history where as_of = '2026-06-30'")
    assert history.iloc[0, 0] == len(fitted)


def test_a_snapshot_whose_horizon_has_not_passed_is_censored(evaluated, tmp_path):
    project = copy_of(evaluated, tmp_path)
    # Outcomes known through 2026-04-15: only the snapshots up to 2026-01-15 have a full horizon.
    project.dbt("build", "--selector", "evaluation", as_of="2026-04-15")
    days = frame(project, "select snapshot_date, is_censored, evaluated_leads, censored_leads, snapshot_leads, "
                          "already_reached_leads "
                          "from main.evaluation_summary where scope = 'snapshot' and milestone = 'opportunity_created' "
                          "order by snapshot_date")
    for day in days.itertuples():
        complete = day.snapshot_date + pd.Timedelta(days=HORIZON) <= pd.Timestamp("2026-04-15")
        assert complete == (day.snapshot_date <= pd.Timestamp("2026-01-15"))
        assert day.is_censored == (not complete), day
        assert (day.evaluated_leads > 0) == complete, day
        if not complete:
            assert day.censored_leads + day.already_reached_leads == day.snapshot_leads
    labels = frame(project, "select label_status, count(*) as n from main_intermediate.int_lead_snapshots_labeled "
                            "where snapshot_date > '2026-01-15' group by label_status")
    assert set(labels["label_status"]) <= {"censored", "already_reached"}
    # Converters within the partial horizon are censored too, never counted as anything.
    pooled = frame(project, POOLED).iloc[0]
    assert pooled["last_snapshot_date"] <= pd.Timestamp("2026-01-15")


def expected_labels(snapshots: pd.DataFrame, outcomes: pd.DataFrame, as_of: str) -> pd.Series:
    """The labelling rule written out in Python."""
    merged = snapshots.merge(outcomes, on="lead_id", how="left")
    as_of_day = pd.Timestamp(as_of)
    reached = merged["reached_on"]
    status = np.where(
        reached <= merged["snapshot_date"], "already_reached",
        np.where(merged["snapshot_date"] + pd.Timedelta(days=HORIZON) > as_of_day, "censored",
                 np.where(reached - merged["snapshot_date"] <= pd.Timedelta(days=HORIZON), "converted", "not_converted")))
    return pd.Series(status, index=pd.MultiIndex.from_frame(merged[["snapshot_date", "lead_id"]]))


@pytest.mark.parametrize("days", [1, -1])
def test_moving_every_outcome_a_day_changes_only_the_labels_on_a_boundary(evaluated, tmp_path, days):
    project = copy_of(evaluated, tmp_path)
    labels_sql = ("select snapshot_date, lead_id, label_status from main_intermediate.int_lead_snapshots_labeled "
                  "where milestone = 'opportunity_created'")
    outcomes_sql = "select lead_id, reached_on from main.lead_outcomes where milestone = 'opportunity_created'"
    before = frame(project, labels_sql).set_index(["snapshot_date", "lead_id"])["label_status"]
    outcomes_before = frame(project, outcomes_sql)
    con = duckdb.connect(str(project.db_path))
    con.execute(f"update raw.crm_opportunities set created_at = created_at + interval ({days}) day, "
                f"closed_at = closed_at + interval ({days}) day")
    con.execute(f"update raw.crm_lead_status_history set changed_at = changed_at + interval ({days}) day")
    con.close()
    project.dbt("build", "--selector", "evaluation", as_of=AS_OF)
    after = frame(project, labels_sql).set_index(["snapshot_date", "lead_id"])["label_status"]
    outcomes_after = frame(project, outcomes_sql)
    snapshots = before.index.to_frame(index=False)
    predicted_before = expected_labels(snapshots, outcomes_before, AS_OF)
    predicted_after = expected_labels(snapshots, outcomes_after, AS_OF)
    assert (before.sort_index() == predicted_before.sort_index()).all()
    assert (after.sort_index() == predicted_after.sort_index()).all()
    changed = set(before.index[before.sort_index() != after.reindex(before.index).sort_index()])
    changed = {key for key in before.index if before[key] != after[key]}
    assert changed, "a day's move must reach some boundary"
    # Every change sits on a boundary: an outcome on the snapshot day or at the end of the horizon.
    reached = outcomes_before.set_index("lead_id")["reached_on"]
    for snapshot_date, lead_id in changed:
        offset = (reached[lead_id] - snapshot_date).days
        assert offset in ({0, HORIZON} if days == 1 else {1, HORIZON + 1}), (snapshot_date, lead_id, offset)


def test_outcomes_after_a_snapshot_day_leave_its_scores_alone(evaluated, tmp_path):
    project = copy_of(evaluated, tmp_path)
    day = "2026-01-01"
    columns = "lead_id, total_score, segment, is_mql, is_sql, sql_reason"
    sql = f"select {columns} from main.lead_score_snapshots where as_of = '{day}' order by lead_id"
    before = frame(project, sql)
    con = duckdb.connect(str(project.db_path))
    con.execute(f"update raw.crm_opportunities set created_at = created_at + interval 20 day, "
                f"closed_at = closed_at + interval 20 day where created_at > '{day}'::date + interval 1 day")
    con.execute(f"update raw.crm_lead_status_history set changed_at = changed_at + interval 20 day "
                f"where changed_at > '{day}'::date + interval 1 day")
    con.close()
    with environment({"LEAD_SCORING_TAKE_SNAPSHOT": "true"}):
        project.dbt("run", "--selector", "backtest", as_of=day)
    after = frame(project, sql)
    pd.testing.assert_frame_equal(before, after)


def test_bad_outcome_input_is_quarantined_with_a_reason(evaluated, tmp_path):
    project = copy_of(evaluated, tmp_path)
    con = duckdb.connect(str(project.db_path))
    lead, created = con.execute("select lead_id, created_at from raw.crm_leads where not is_deleted "
                                "order by created_at, lead_id limit 1").fetchone()
    con.execute(f"""insert into raw.crm_opportunities values
        ('bad_orphan', null, null, 'Negotiation', 100, false, false, '2026-05-01', null),
        ('bad_early', null, '{lead}', 'Negotiation', 100, false, false, '{created:%Y-%m-%d}'::date - interval 3 day, null),
        ('bad_unknown', null, 'no_such_lead', 'Negotiation', 100, false, false, '2026-05-01', null),
        ('bad_won', null, '{lead}', 'Closed Won', 100, true, true, '2026-06-01', null),
        ('bad_twice', null, '{lead}', 'Negotiation', 100, false, false, '2026-06-02', null),
        ('bad_twice', null, '{lead}', 'Negotiation', 100, false, false, '2026-06-02', null)""")
    con.execute(f"insert into raw.crm_lead_status_history values ('{lead}', 'Converted', null), "
                f"(null, 'Converted', '2026-05-01')")
    con.close()
    project.dbt("build", "--selector", "evaluation", as_of=AS_OF)
    quarantined = frame(project, "select source_key, milestone, quarantine_reason from main.outcomes_quarantined "
                                 "where source_key like 'bad_%' or source_key like '%|converted' or lead_id is null "
                                 "or source_key = '" + lead + "'")
    reasons = set(map(tuple, quarantined[["source_key", "milestone", "quarantine_reason"]].to_numpy()))
    assert ("bad_orphan", "opportunity_created", "no_lead_or_account") in reasons
    assert ("bad_early", "opportunity_created", "before_lead_created") in reasons
    assert ("bad_unknown", "opportunity_created", "unknown_lead") in reasons
    assert ("bad_won", "opportunity_won", "won_without_close_date") in reasons
    assert ("bad_twice", "opportunity_created", "duplicate_opportunity_id") in reasons
    assert {reason for _, milestone, reason in reasons if milestone == "converted"} >= {
        "missing_changed_at", "missing_lead_id"}
    # The first copy of the re-delivered opportunity counts; nothing else of them does.
    counted = frame(project, "select source_key from main_intermediate.int_lead_milestone_events "
                             "where source_key like 'bad_%' and quarantine_reason is null")
    assert sorted(counted["source_key"]) == ["bad_twice", "bad_won"]  # bad_won counts as created
    # Every raw opportunity is counted or quarantined for opportunity_created.
    missing = frame(project, """
        select count(*) from raw.crm_opportunities as o
        where o.created_at <= '2026-06-30 23:59:59' and not exists (
            select 1 from main_intermediate.int_lead_milestone_events as e
            where e.milestone = 'opportunity_created' and e.source_key is not distinct from o.opportunity_id)
          and not (o.lead_id is null and o.account_id is not null)""")
    assert missing.iloc[0, 0] == 0


def test_a_horizon_longer_than_the_data_stops_make_evaluate_saying_what_to_do(evaluated, tmp_path, capsys):
    # Outcomes known through 2025-12-15: the 90-day horizon of no snapshot (the first is
    # 2025-10-01) has passed. The backtest's partial parse is reused (no --vars change).
    project = copy_of(evaluated, tmp_path)
    with environment(tool_env(project, target=evaluated)):
        status = evaluate.main(["--as-of", "2025-12-15"])
    assert status == 1
    message = capsys.readouterr().err
    assert "nothing to evaluate for model rules_v1, milestone opportunity_created, horizon 90 days" in message
    assert "the 15000" not in message and "snapshot rows run from 2025-10-01 to 2026-02-01" in message
    assert "Backtest dates at least 90 days before it" in message
    # The report of the module's evaluation, built as of 2026-06-30 (evaluate.main's last step).
    result = invoke(["run-operation", "print_evaluation_report", "--args", "{}"], project_dir=PROJECT_DIR,
                    env=tool_env(evaluated), as_of=AS_OF, echo=True)
    assert result.success, result.output[-3000:]
    report = capsys.readouterr().out
    assert "ROC AUC total" in report and "Rules and signals that need a look" in report


# Five monthly snapshot days: the newest one is the holdout; the small data's four older days
# hold a few dozen conversions.
TRAIN_ARGS = ("--holdout-share", "0.2", "--min-outcomes", "20")


def train(evaluated: DbtProject, out_dir, *extra: str, project_dir=PROJECT_DIR) -> dict:
    assert scorecard.main(["--db", str(evaluated.db_path), "--out-dir", str(out_dir),
                           "--project-dir", str(project_dir), "--no-register", *extra]) == 0
    return json.loads((out_dir / "scorecard.json").read_text())


def test_make_train_recovers_the_planted_truth_and_is_deterministic(evaluated, tmp_path):
    """The learned scorecard points the planted way (freelancers up, senior titles up), beats
    the default rules on the newest snapshot days it never saw, keeps the seeds' format, and
    the same snapshots give byte-identical files."""
    card = train(evaluated, tmp_path / "first", *TRAIN_ARGS)
    features = {f["feature"]: f for f in card["features"]}
    # Planted: freelancers convert better; the default rule takes 15 points off them.
    assert features["neg_freelancer"]["points"] > 0
    assert features["neg_freelancer"]["component"] == "fit"
    assert features["fit_seniority_c_level"]["points"] > 0
    assert card["holdout_roc_auc"] > card["holdout_roc_auc_of_base_model"]
    assert card["holdout_days"][0] > card["training_days"][1]
    # The generator's chat_started events are mapped to no signal: measured, for a suggestion.
    assert any(u["event_type"] == "chat_started" and u["rows_hit"] > 0 for u in card["unmapped_event_types"])
    for name in ("scoring_rules", "signal_weights", "score_caps", "scoring_thresholds"):
        with open(tmp_path / "first" / f"{name}.csv") as learned, open(PROJECT_DIR / "seeds" / f"{name}.csv") as seed:
            assert learned.readline() == seed.readline(), name
    train(evaluated, tmp_path / "second", *TRAIN_ARGS)
    for path in (tmp_path / "first").iterdir():
        assert path.read_bytes() == (tmp_path / "second" / path.name).read_bytes(), path.name


def test_make_train_says_why_it_cannot_learn_and_drops_leaking_or_constant_features(evaluated, tmp_path):
    with pytest.raises(SystemExit, match="at least 100000 of each are needed"):
        train(evaluated, tmp_path / "few", "--min-outcomes", "100000")
    # A field filled only after conversion (hits exactly the converters) and one everyone has.
    project_dir = tmp_path / "project"
    shutil.copytree(PROJECT_DIR / "seeds", project_dir / "seeds")
    with open(project_dir / "seeds" / "scoring_rules.csv", "a") as rules:
        rules.write("fit_leaky_field,fit,role,lead_source,equals,closed_won_form,,,5,false,Leaky\n")
        rules.write("fit_everyone,fit,role,lead_source,missing,,,,5,false,Everyone\n")
    copy = copy_of(evaluated, tmp_path)
    con = duckdb.connect(str(copy.db_path))
    for rule_id, condition in (("fit_leaky_field", "converted = 1"), ("fit_everyone", "true")):
        con.execute(f"""
            insert into main.lead_feature_snapshots (model_id, as_of, lead_id, component, rule_group, rule_id)
            select distinct model_id, snapshot_date, lead_id, 'fit', 'role', '{rule_id}'
            from main_intermediate.int_lead_snapshots_labeled where is_evaluated and {condition}
        """)
    con.close()
    card = train(copy, tmp_path / "leaky", *TRAIN_ARGS, project_dir=project_dir)
    features = {f["feature"]: f for f in card["features"]}
    assert features["fit_leaky_field"]["dropped"].startswith("possible leakage")
    assert features["fit_everyone"]["dropped"].startswith("nearly constant")
    learned = {row["rule_id"]: row for row in csv.DictReader(open(tmp_path / "leaky" / "scoring_rules.csv"))}
    assert learned["fit_leaky_field"]["points"] == "0"


def test_a_learned_candidate_is_scored_in_shadow_and_never_touches_live_flags(evaluated, tmp_path):
    """make train registers the candidate; make backtest MODEL=... scores it beside the live
    model on each date from the live event state; lead_scores and every live table stay as
    they were, and model_comparison lists exactly the leads whose segment or MQL status the
    two snapshots disagree on. (The live backtest re-scores the same dates: the live tables
    come back equal to 1e-9, the event state's folding precision.)"""
    project_dir = copy_project(tmp_path / "project")
    project = DbtProject(tmp_path / "work", project_dir)
    project.workdir.mkdir()
    shutil.copy(evaluated.workdir / "evaluated.duckdb", project.db_path)
    assert scorecard.main(["--db", str(project.db_path), "--project-dir", str(project_dir), "--out-dir",
                           str(tmp_path / "card"), *TRAIN_ARGS]) == 0
    assert "learned_v1,candidate," in (project_dir / "seeds" / "scoring_models.csv").read_text()
    live_tables = ("lead_scores_current", "fit_scores", "intent_scores", "score_contributions")
    before = {table: frame(project, f"select * from main.{table} order by all") for table in live_tables}
    live_snapshots = frame(project, "select * from main.lead_score_snapshots where model_id = 'rules_v1' "
                                    "and as_of >= '2026-02-01' order by as_of, lead_id")
    with environment(tool_env(project)):
        assert backtest.main(["--from", "2026-02-01", "--to", "2026-02-01", "--every", "month",
                              "--model", "learned_v1", "--project-dir", str(project_dir)]) == 0
    project.dbt("build", "--selector", "evaluation", as_of=AS_OF, reparse=True)
    for table in live_tables:
        pd.testing.assert_frame_equal(
            frame(project, f"select * from main.{table} order by all"), before[table], check_exact=False,
            rtol=0, atol=1e-9)
    snapshots = frame(project, "select model_id, as_of, lead_id, segment, is_mql from main.lead_score_snapshots "
                               "where as_of >= '2026-02-01'")
    pd.testing.assert_frame_equal(
        frame(project, "select * from main.lead_score_snapshots where model_id = 'rules_v1' "
                       "and as_of >= '2026-02-01' order by as_of, lead_id"), live_snapshots, check_exact=False, rtol=0, atol=1e-9)
    assert set(snapshots["model_id"]) == {"rules_v1", "learned_v1"}
    live = snapshots[snapshots["model_id"] == "rules_v1"].set_index(["as_of", "lead_id"])
    candidate = snapshots[snapshots["model_id"] == "learned_v1"].set_index(["as_of", "lead_id"])
    assert sorted(live.index) == sorted(candidate.index)
    both = live.merge(candidate, left_index=True, right_index=True, suffixes=("_live", "_candidate"))
    differs = both[(both["segment_live"] != both["segment_candidate"]) | (both["is_mql_live"] != both["is_mql_candidate"])]
    compared = frame(project, "select as_of, lead_id from main.model_comparison where candidate_model_id = 'learned_v1'")
    assert sorted(map(tuple, compared.to_numpy().tolist())) == sorted(differs.index.tolist())
    assert len(differs) > 0
    summary = frame(project, "select * from main.model_comparison_summary order by as_of")
    assert list(summary["leads_compared"]) == [len(candidate.loc[day]) for day in sorted(set(candidate.index.get_level_values(0)))]
    assert (summary["mqls_gained"] - summary["mqls_lost"] == summary["candidate_mqls"] - summary["live_mqls"]).all()
    assert summary["candidate_roc_auc"].notna().all() and summary["live_roc_auc"].notna().all()
    # The learned candidate's p_convert comes from its own logistic form (the registry row).
    methods = dict(frame(project, "select model_id, method from main.p_convert_calibration").to_numpy().tolist())
    assert methods["learned_v1"] == "scorecard_logistic_form"
