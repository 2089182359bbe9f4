"""Benchmark: full build, daily incremental build, and two yardsticks.

For one dataset size it measures, each step in its own process (wall time and peak
RSS of that process tree's largest member):
  - dbt's fixed start-up and parse overhead (an invocation that selects nothing);
  - the full build of the models (`dbt run --full-refresh`), with per-model times
    from run_results.json;
  - a hand-written single DuckDB query and a naive pandas implementation of
    intent_score (the event-heavy part), both checked against the project's output;
  - the daily incremental build after appending the next day of events;
  - with --history-days N, the history models (lead_score_timeline and what reads it)
    on a history of N scoring days: earlier days are copied from the first one, shifted
    back, with scores and MQL flags varied; the timeline is rebuilt once over them, then
    the daily day is run again;
  - with --events-loaded-at COLUMN, every dbt command finds changes on frozen days by the
    loader's stamp (var lead_scoring_events_loaded_at) instead of a checksum of every column;
  - with --backtest-snapshots N (default 12), make backtest over N monthly snapshot dates
    ending on the first of the scoring date's month, then make evaluate as of the scoring
    date, beside N daily builds (the budget: the backtest costs at most N daily runs).
Each build's model time is also split into the time of its SQL statements and dbt's own
time (compiling, the materialization's Python, logging), from dbt's JSON log of that build;
the statements of the models that write lead_scores and the history are summed apart.
Model times are summed four ways: all models, intent_scores and its upstream (what the
yardsticks compute), the models that read events, and the account models (models/*/accounts:
their share of the rest is the budget of issue 21, at most 15 % of the daily build). Prints a table and writes
bench/results/<size>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from lead_scoring_tools.demo.generate import DEFAULT_END_DATE, SIZES

PROJECT_DIR = Path(__file__).resolve().parents[2]
DBT = str(Path(sys.executable).parent / "dbt")
# Runs a command and reports its wall time and the peak RSS of its largest process.
WRAPPER = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
code = subprocess.run(sys.argv[1:]).returncode
print(json.dumps({"seconds": time.perf_counter() - started, "code": code,
                  "max_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def measure(command: list[str], env: dict[str, str], log: Path) -> dict:
    with open(log, "a") as out:
        out.write(f"\n$ {' '.join(command)}\n")
        out.flush()
        result = subprocess.run([sys.executable, "-c", WRAPPER, *command], env=env, cwd=PROJECT_DIR,
                                stdout=subprocess.PIPE, stderr=out, text=True)
    lines = result.stdout.strip().splitlines()
    with open(log, "a") as out:
        out.write("\n".join(lines[:-1]) + "\n")
    figures = json.loads(lines[-1])
    if figures["code"] != 0:
        raise SystemExit(f"step failed ({' '.join(command)}); see {log}")
    return figures


def model_times(target_dir: Path) -> dict[str, float]:
    results = json.loads((target_dir / "run_results.json").read_text())
    return {r["unique_id"].split(".")[-1]: round(r["execution_time"], 3)
            for r in results["results"] if r["unique_id"].startswith("model.")}


def rotation_number(log_file: Path) -> int:
    """0 for dbt.log, n for dbt.log.n: dbt rotates dbt.log into dbt.log.1, dbt.log.1 into
    dbt.log.2, and so on, so the higher the number, the older the lines."""
    suffix = log_file.suffix[1:]
    return int(suffix) if suffix.isdigit() else 0


def sql_seconds(log_dir: Path) -> dict[str, float]:
    """Seconds of SQL statements per model, from the JSON log dbt wrote into log_dir (one build
    per folder, rotated files included): each statement's SQLQueryStatus.elapsed, counted for
    the model whose connection ran the SQLQuery before it on the same thread (compile-time
    queries of a model run on its connection too)."""
    per_model: dict[str, float] = {}
    connection_of_thread: dict[str, str] = {}
    for log_file in sorted(log_dir.glob("dbt.log*"), key=rotation_number, reverse=True):
        for line in log_file.read_text(errors="replace").splitlines():
            if not line.startswith("{"):
                continue
            event = json.loads(line)
            name, thread = event["info"]["name"], event["info"]["thread"]
            if name == "SQLQuery":
                connection_of_thread[thread] = event["data"].get("conn_name", "")
            elif name == "SQLQueryStatus":
                connection = connection_of_thread.get(thread, "")
                if connection.startswith("model."):
                    model = connection.split(".")[-1]
                    per_model[model] = per_model.get(model, 0.0) + float(event["data"]["elapsed"])
    return {model: round(seconds, 3) for model, seconds in per_model.items()}


# The models that write what every lead needs each day under the lead-level speed issue's
# decisions: lead_scores exact for every lead (computed in lead_scores_current, top reasons
# included) and the day's rows of the history and its timeline.
DAILY_LEAD_OUTPUTS = ("lead_scores_current", "lead_scores", "lead_score_history", "lead_score_timeline")


def split_build(build: dict, log_dir: Path) -> None:
    """Adds to a build's figures the SQL seconds of its models, dbt's own seconds (model time
    less SQL) and the SQL seconds of DAILY_LEAD_OUTPUTS."""
    sql = sql_seconds(log_dir)
    build["sql_seconds"] = round(sum(sql.get(m, 0) for m in build["models"]), 3)
    build["dbt_own_seconds"] = round(build["model_seconds"] - build["sql_seconds"], 3)
    build["lead_output_sql_seconds"] = round(sum(sql.get(m, 0) for m in DAILY_LEAD_OUTPUTS), 3)


def upstream_models(target_dir: Path, model: str) -> list[str]:
    """The model and every model it reads, directly or not (from manifest.json): the
    part of the project that computes the same thing as the yardsticks."""
    manifest = json.loads((target_dir / "manifest.json").read_text())
    parents = manifest["parent_map"]
    start = next(node for node in parents if node.startswith("model.") and node.endswith("." + model))
    seen, todo = set(), [start]
    while todo:
        node = todo.pop()
        if node in seen or not node.startswith("model."):
            continue
        seen.add(node)
        todo.extend(parents.get(node, []))
    return sorted(node.split(".")[-1] for node in seen)


def project_models(target_dir: Path, keep) -> list[str]:
    """The names of the models of manifest.json for which keep(node) is true."""
    manifest = json.loads((target_dir / "manifest.json").read_text())
    return sorted(node["name"] for node in manifest["nodes"].values()
                  if node["resource_type"] == "model" and keep(node))


def account_models(target_dir: Path) -> list[str]:
    """The account models (in a folder named accounts: matching, qualification, account
    scores and their feeds)."""
    return project_models(target_dir, lambda node: "/accounts/" in node["original_file_path"])


def event_models(target_dir: Path) -> list[str]:
    """The models that read events: they call the mapped_events macro, or read the staged
    events themselves (int_event_repeated_keys)."""
    return project_models(target_dir, lambda node: (
        "macro.lead_scoring.mapped_events" in node["depends_on"]["macros"]
        or any(parent.endswith(".stg_lead_scoring__activity_events") for parent in node["depends_on"]["nodes"])))


def run_yardstick(kind: str, db: str, as_of: str, threads: int, memory_limit: str) -> None:
    """One yardstick step (run in its own process): writes its scores to main.bench_<kind>."""
    con = duckdb.connect(db)
    con.execute(f"set threads = {threads}")
    con.execute(f"set memory_limit = '{memory_limit}'")
    if kind == "hand":
        sql = (PROJECT_DIR / "bench" / "hand_written_intent.sql").read_text().replace("{as_of}", as_of)
        con.execute(f"create or replace table main.bench_hand as {sql}")
    else:
        from lead_scoring_tools.bench.naive_pandas import intent_scores
        frame = intent_scores(con, dt.date.fromisoformat(as_of))
        con.register("frame", frame)
        con.execute("create or replace table main.bench_pandas as select * from frame")
    con.close()


def agreement(db: str, table: str) -> dict:
    con = duckdb.connect(db, read_only=True)
    row = con.execute(f"""
        select count(*), count(b.lead_id), max(abs(p.intent_score - b.intent_score))
        from main.intent_scores as p left join main.{table} as b on p.lead_id = b.lead_id
    """).fetchone()
    con.close()
    return {"leads": row[0], "matched": row[1], "max_abs_diff": row[2]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="demo", choices=sorted(SIZES))
    parser.add_argument("--data-dir", default=str(PROJECT_DIR / "bench" / "data"))
    parser.add_argument("--out-dir", default=str(PROJECT_DIR / "bench" / "results"))
    parser.add_argument("--skip-pandas", action="store_true", help="leave out the pandas yardstick")
    parser.add_argument("--history-days", type=int, default=0,
                        help="also time the history models on a history of this many scoring days")
    parser.add_argument("--backtest-snapshots", type=int, default=12,
                        help="monthly snapshot dates of the backtest step (0 leaves it out)")
    parser.add_argument("--events-loaded-at", metavar="COLUMN",
                        help="run every dbt command with var lead_scoring_events_loaded_at=COLUMN (the generated "
                             "data's loader stamp is loaded_at): changes on frozen days found by the stamps")
    parser.add_argument("--yardstick", choices=["hand", "pandas"], help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--as-of", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    threads = int(os.environ.get("LEAD_SCORING_DUCKDB_THREADS", "2"))
    memory_limit = os.environ.get("LEAD_SCORING_DUCKDB_MEMORY_LIMIT", "3GB")
    if args.yardstick:
        run_yardstick(args.yardstick, args.db, args.as_of, threads, memory_limit)
        return 0

    data_dir, out_dir = Path(args.data_dir), Path(args.out_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    log = out_dir / f"{args.size}.log"
    log.write_text("")
    pristine = data_dir / f"{args.size}.duckdb"
    work = data_dir / f"{args.size}_work.duckdb"
    env = {**os.environ, "LEAD_SCORING_DB": str(work), "DBT_PROFILES_DIR": str(PROJECT_DIR / "profiles"),
           "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    as_of = DEFAULT_END_DATE.isoformat()
    target = out_dir / f"target_{args.size}"
    log_dir = out_dir / "logs"
    dbt_vars = {"lead_scoring_events_loaded_at": args.events_loaded_at} if args.events_loaded_at else {}

    def dbt_paths(logs: Path = log_dir) -> list[str]:
        """The target and log folders of a dbt command (its log in JSON, which split_build reads)."""
        return ["--target-path", str(target), "--log-path", str(logs), "--log-format-file", "json"]

    def build_logs(name: str) -> Path:
        """An emptied folder of log_dir for one build's log."""
        shutil.rmtree(log_dir / name, ignore_errors=True)
        return log_dir / name

    vars_args = ["--vars", json.dumps(dbt_vars)] if dbt_vars else []
    dbt_common = [*dbt_paths(), *vars_args]

    figures: dict = {"size": args.size, "as_of": as_of, "events_loaded_at": args.events_loaded_at, "machine": {
        "cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
        "duckdb_threads": threads, "duckdb_memory_limit": memory_limit}}

    if not pristine.exists():
        print(f"generating {args.size} data into {pristine} (once; kept for later runs)", file=sys.stderr)
        figures["generate"] = measure([sys.executable, "-m", "lead_scoring_tools.demo.generate", "--db", str(pristine),
                                       "--size", args.size], env, log)
    # A WAL left beside the working copy by an interrupted run belongs to the previous copy.
    Path(f"{work}.wal").unlink(missing_ok=True)
    shutil.copy(pristine, work)
    con = duckdb.connect(str(work), read_only=True)
    figures["events"] = con.execute("select count(*) from raw.activity_events").fetchone()[0]
    figures["leads"] = con.execute("select count(*) from raw.crm_leads").fetchone()[0]
    columns = [row[0] for row in con.execute("describe raw.activity_events").fetchall()]
    con.close()
    if args.events_loaded_at and args.events_loaded_at not in columns:
        print(f"{pristine} has no column {args.events_loaded_at} in raw.activity_events (generated before the "
              f"generator wrote loaded_at?): delete it to generate it again", file=sys.stderr)
        return 2

    figures["dbt_startup"] = measure([DBT, "run", "--select", "tag:bench_selects_nothing", *dbt_common], env, log)
    figures["seed"] = measure([DBT, "seed", *dbt_common], env, log)
    # The scoring date through LEAD_SCORING_AS_OF, as a scheduler passes it: no re-parse.
    figures["full_build"] = measure([DBT, "run", "--full-refresh", *dbt_paths(build_logs("full")), *vars_args],
                                    {**env, "LEAD_SCORING_AS_OF": as_of}, log)
    figures["full_build"]["models"] = model_times(target)
    figures["full_build"]["model_seconds"] = round(sum(figures["full_build"]["models"].values()), 3)
    split_build(figures["full_build"], log_dir / "full")
    # The yardsticks compute intent_score: compare them with the models it is built from.
    figures["intent_models"] = upstream_models(target, "intent_scores")
    figures["event_models"] = event_models(target)
    figures["account_models"] = account_models(target)
    figures["full_build"]["event_model_seconds"] = round(
        sum(figures["full_build"]["models"].get(m, 0) for m in figures["event_models"]), 3)
    figures["full_build"]["intent_model_seconds"] = round(
        sum(figures["full_build"]["models"].get(m, 0) for m in figures["intent_models"]), 3)
    figures["full_build"]["account_model_seconds"] = round(
        sum(figures["full_build"]["models"].get(m, 0) for m in figures["account_models"]), 3)

    yardstick = [sys.executable, "-m", "lead_scoring_tools.bench.bench", "--db", str(work), "--as-of", as_of]
    figures["hand_query"] = measure([*yardstick, "--yardstick", "hand"], env, log)
    figures["hand_query"]["agreement"] = agreement(str(work), "bench_hand")
    if not args.skip_pandas:
        figures["pandas"] = measure([*yardstick, "--yardstick", "pandas"], env, log)
        figures["pandas"]["agreement"] = agreement(str(work), "bench_pandas")

    figures["append_day"] = measure([sys.executable, "-m", "lead_scoring_tools.demo.generate", "--db", str(work),
                                     "--size", args.size, "--append-day", "--quiet"], env, log)
    con = duckdb.connect(str(work), read_only=True)
    next_day = con.execute("select max(cast(occurred_at as date)) from raw.activity_events").fetchone()[0]
    con.close()
    figures["daily_as_of"] = next_day.isoformat()
    figures["daily_build"] = measure([DBT, "run", *dbt_paths(build_logs("daily")), *vars_args],
                                     {**env, "LEAD_SCORING_AS_OF": next_day.isoformat()}, log)
    figures["daily_build"]["models"] = model_times(target)
    figures["daily_build"]["model_seconds"] = round(sum(figures["daily_build"]["models"].values()), 3)
    split_build(figures["daily_build"], log_dir / "daily")
    figures["daily_build"]["intent_model_seconds"] = round(
        sum(figures["daily_build"]["models"].get(m, 0) for m in figures["intent_models"]), 3)
    figures["daily_build"]["event_model_seconds"] = round(
        sum(figures["daily_build"]["models"].get(m, 0) for m in figures["event_models"]), 3)
    figures["daily_build"]["account_model_seconds"] = round(
        sum(figures["daily_build"]["models"].get(m, 0) for m in figures["account_models"]), 3)
    figures["ratios"] = {
        "full_intent_models_over_hand_query": round(
            figures["full_build"]["intent_model_seconds"] / figures["hand_query"]["seconds"], 3),
        "full_all_models_over_hand_query": round(
            figures["full_build"]["model_seconds"] / figures["hand_query"]["seconds"], 3),
        "daily_over_full_model_seconds": round(
            figures["daily_build"]["model_seconds"] / figures["full_build"]["model_seconds"], 3),
        "daily_over_full_intent_model_seconds": round(
            figures["daily_build"]["intent_model_seconds"] / figures["full_build"]["intent_model_seconds"], 3),
        "daily_over_full_event_model_seconds": round(
            figures["daily_build"]["event_model_seconds"] / figures["full_build"]["event_model_seconds"], 3),
        # What the account models add to the daily build of everything else.
        "daily_account_models_over_the_rest": round(
            figures["daily_build"]["account_model_seconds"]
            / (figures["daily_build"]["model_seconds"] - figures["daily_build"]["account_model_seconds"]), 3),
    }

    if args.history_days > 1:
        figures["history_days"] = extend_history(str(work), args.history_days)
        daily_vars = json.dumps({**dbt_vars, "as_of": figures["daily_as_of"]})
        figures["timeline_rebuild"] = measure([DBT, "run", "--select", "lead_score_timeline", "--full-refresh",
                                               "--vars", daily_vars, *dbt_paths()], env, log)
        figures["history_daily"] = measure([DBT, "run", "--select", "lead_score_timeline+", "--vars", daily_vars,
                                            *dbt_paths()], env, log)
        figures["history_daily"]["models"] = model_times(target)
        figures["history_daily"]["model_seconds"] = round(sum(figures["history_daily"]["models"].values()), 3)

    if args.backtest_snapshots > 0:
        figures.update(backtest_and_evaluate(args.backtest_snapshots, figures["daily_build"], env, log))

    (out_dir / f"{args.size}.json").write_text(json.dumps(figures, indent=2, default=str))
    print_table(figures)
    return 0


def backtest_and_evaluate(snapshots: int, daily_build: dict, env: dict[str, str], log: Path) -> dict:
    """make backtest over `snapshots` monthly dates ending on the first of the scoring date's
    month, then make evaluate as of the scoring date; the ratio compares the backtest with as
    many daily builds. Run last: it moves the event state back to the first snapshot date."""
    last = DEFAULT_END_DATE.replace(day=1)
    year, month = divmod(last.year * 12 + last.month - 1 - (snapshots - 1), 12)
    first = dt.date(year, month + 1, 1)
    backtest = measure([sys.executable, "-m", "lead_scoring_tools.ops.backtest", "--from", first.isoformat(),
                        "--to", last.isoformat(), "--every", "month"], env, log)
    backtest.update({"first": first.isoformat(), "last": last.isoformat(), "snapshots": snapshots})
    evaluation = measure([sys.executable, "-m", "lead_scoring_tools.ops.evaluate", "--as-of",
                          DEFAULT_END_DATE.isoformat()], env, log)
    return {"backtest": backtest, "evaluation": evaluation, "backtest_ratios": {
        "backtest_over_daily_builds": round(backtest["seconds"] / (snapshots * daily_build["seconds"]), 3),
        "backtest_and_evaluation_over_daily_builds": round(
            (backtest["seconds"] + evaluation["seconds"]) / (snapshots * daily_build["seconds"]), 3)}}


def extend_history(db: str, days: int) -> dict:
    """Adds scoring days before the first one in lead_score_history until it holds `days`
    days: copies of the first day shifted back, with the total score moved by up to 3
    points and one lead in ten an MQL that day, so that episodes and segment runs vary."""
    con = duckdb.connect(db)
    first, held = con.execute("select min(as_of), count(distinct as_of) from main.lead_score_history").fetchone()
    con.execute(f"""
        insert into main.lead_score_history (lead_id, as_of, fit_score, intent_score, negative_score, total_score,
            score_cell, segment, is_mql, mql_reason, is_sql, sql_reason, is_suppressed, top_reasons)
        select lead_id, as_of - cast(back as integer), fit_score, intent_score, negative_score,
            total_score + (hash(lead_id, back) % 7) - 3, score_cell, segment,
            is_mql or hash(lead_id, back) % 10 = 0, mql_reason, is_sql, sql_reason, is_suppressed, top_reasons
        from main.lead_score_history, range(1, {days - held + 1}) as shift(back)
        where as_of = date '{first}'
    """)
    rows = con.execute("select count(*), count(distinct as_of) from main.lead_score_history").fetchone()
    con.close()
    return {"days": rows[1], "rows": rows[0]}


def print_table(f: dict) -> None:
    rows = [("dbt start-up + parse (nothing selected)", f["dbt_startup"]),
            ("dbt seed", f["seed"]),
            ("full build, dbt run --full-refresh", f["full_build"]),
            ("hand-written single DuckDB query (intent)", f["hand_query"])]
    if "pandas" in f:
        rows.append(("naive pandas (intent)", f["pandas"]))
    rows += [("append one day of events (generator)", f["append_day"]),
             ("daily incremental build, dbt run", f["daily_build"])]
    if "history_days" in f:
        rows += [(f"timeline rebuild, {f['history_days']['days']} days of history", f["timeline_rebuild"]),
                 (f"history models daily, {f['history_days']['days']} days", f["history_daily"])]
    if "backtest" in f:
        rows += [(f"backtest, {f['backtest']['snapshots']} monthly snapshots", f["backtest"]),
                 ("evaluate (labels, evaluation marts, report)", f["evaluation"])]
    print(f"\nsize {f['size']}: {f['leads']:,} leads, {f['events']:,} events; as_of {f['as_of']}, "
          f"daily as_of {f['daily_as_of']}; DuckDB threads {f['machine']['duckdb_threads']}, "
          f"memory_limit {f['machine']['duckdb_memory_limit']}, {f['machine']['cpus']} CPUs; changes on frozen "
          f"days found by " + (f"the loader's stamp {f['events_loaded_at']}" if f.get("events_loaded_at")
                               else "a checksum of every column"))
    print(f"{'step':<46}{'wall s':>9}{'models s':>10}{'peak RSS MB':>13}")
    for name, step in rows:
        model_seconds = step.get("model_seconds")
        print(f"{name:<46}{step['seconds']:>9.2f}{model_seconds if model_seconds is not None else '':>10}"
              f"{step['max_rss_mb']:>13.0f}")
    for name in ("hand_query", "pandas"):
        if name in f:
            a = f[name]["agreement"]
            print(f"{name} agrees with intent_scores: {a['matched']:,}/{a['leads']:,} leads, "
                  f"max |difference| {a['max_abs_diff']:.2e}")
    for label, key in (("full", "full_build"), ("daily", "daily_build")):
        times = f[key]["models"]
        slowest = sorted(times.items(), key=lambda kv: -kv[1])[:6]
        print(f"{label} build: all models {f[key]['model_seconds']:.2f} s, intent_scores and its upstream "
              f"{f[key]['intent_model_seconds']:.2f} s, models reading events {f[key]['event_model_seconds']:.2f} s;"
              " slowest: " + ", ".join(f"{m} {t:.2f}" for m, t in slowest))
    for label, key in (("full", "full_build"), ("daily", "daily_build")):
        b = f[key]
        print(f"{label} build: SQL statements {b['sql_seconds']:.2f} s, dbt's own time {b['dbt_own_seconds']:.2f} s "
              f"over {len(b['models'])} models; the SQL of {', '.join(DAILY_LEAD_OUTPUTS)} "
              f"{b['lead_output_sql_seconds']:.2f} s")
    r = f["ratios"]
    print(f"intent_scores and its upstream (full) / hand-written query: {r['full_intent_models_over_hand_query']:.2f}; "
          f"all models (full) / hand-written query: {r['full_all_models_over_hand_query']:.2f}")
    print(f"daily / full model time: all models {r['daily_over_full_model_seconds']:.3f}, "
          f"intent_scores and its upstream {r['daily_over_full_intent_model_seconds']:.3f}, "
          f"models reading events {r['daily_over_full_event_model_seconds']:.3f}")
    print(f"account models in the daily build: {f['daily_build']['account_model_seconds']:.2f} s, "
          f"{r['daily_account_models_over_the_rest']:.3f} of the other models' time (budget 0.15)")
    if "backtest" in f:
        b = f["backtest_ratios"]
        print(f"backtest of {f['backtest']['snapshots']} monthly snapshots ({f['backtest']['first']} to "
              f"{f['backtest']['last']}) / as many daily builds: {b['backtest_over_daily_builds']:.2f} "
              f"(with the evaluation {b['backtest_and_evaluation_over_daily_builds']:.2f}; budget 1.0)")

if __name__ == "__main__":
    sys.exit(main())
