"""Shadow scoring: every candidate model of seeds/scoring_models.csv scored beside the live one.

A candidate has its own copies of some scoring seeds, seeds/candidates/<kind>/<model_id>__<kind>.csv
(kinds scoring_rules, signal_weights, score_caps, scoring_thresholds; make train writes them);
the live seeds stand in for the rest. For the scoring date (LEAD_SCORING_AS_OF), after the
live run, each candidate's seeds are loaded and checked (the seed tests, plus: it shares the
live signals' decay, because it is scored from the live event state), then the ``shadow``
selector runs with var lead_scoring_shadow_model: the models that depend on the scoring model
build into <schema>_shadow_<model_id> schemas, and on snapshot days the snapshot tables get
the candidate's rows under its model_id. lead_scores, the history and every live flag stay as
the live run left them. model_comparison then shows who would move.

The same by hand:  dbt run --selector shadow --vars '{lead_scoring_shadow_model: learned_v1,
lead_scoring_shadow_seeds: [scoring_rules, signal_weights], lead_scoring_model_id: learned_v1}'
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from lead_scoring_tools.ops.dbt_invoke import invoke, parse
from lead_scoring_tools.ops.scoring_days import PROJECT_DIR

KINDS = ("scoring_rules", "signal_weights", "score_caps", "scoring_thresholds")
SEED_CHECKS = ("assert_scoring_rules_are_valid", "assert_signal_weights_are_valid", "assert_score_caps_cover_known_groups",
               "assert_scoring_thresholds_are_complete_and_ordered", "assert_scoring_models_are_valid",
               "assert_candidate_shares_the_event_state")


def candidates(project_dir: Path, wanted: list[str] | None = None) -> list[str]:
    """The candidate model_ids of seeds/scoring_models.csv (or the wanted ones, which must be
    candidates there)."""
    with open(project_dir / "seeds" / "scoring_models.csv", newline="") as handle:
        status = {row["model_id"]: row["status"] for row in csv.DictReader(handle)}
    found = sorted(model for model, state in status.items() if state == "candidate")
    if wanted is None or wanted == ["all"]:
        return found
    for model in wanted:
        if status.get(model) != "candidate":
            raise SystemExit(f"{model} is not a candidate in seeds/scoring_models.csv "
                             f"(status {status.get(model, 'not listed')}); candidates: {', '.join(found) or 'none'}")
    return wanted


def shadow_vars(project_dir: Path, model_id: str, extra: dict | None = None) -> dict:
    """The vars of a shadow run of model_id: its name, and which of its own seeds exist."""
    seeds = [kind for kind in KINDS
             if (project_dir / "seeds" / "candidates" / kind / f"{model_id}__{kind}.csv").exists()]
    return {**(extra or {}), "lead_scoring_shadow_model": model_id, "lead_scoring_shadow_seeds": seeds,
            "lead_scoring_model_id": model_id}


class ShadowRun:
    """One candidate, parsed once: check(), then score(as_of) for as many days as needed."""

    def __init__(self, project_dir: Path, model_id: str, extra_vars: dict | None = None, env=None):
        self.project_dir, self.model_id, self.env = project_dir, model_id, env
        self.vars = ["--vars", json.dumps(shadow_vars(project_dir, model_id, extra_vars))]
        self.seeds = json.loads(self.vars[1])["lead_scoring_shadow_seeds"]
        self.manifest = parse(self.vars, project_dir=project_dir, env=env)

    def check(self, as_of: str) -> None:
        """Loads the candidate's seeds (and the registry, which names it) and runs the seed checks
        on them."""
        self._invoke(["seed", "--select", "scoring_models", *(f"{self.model_id}__{kind}" for kind in self.seeds)],
                     as_of)
        self._invoke(["test", "--select", *SEED_CHECKS], as_of)

    def score(self, as_of: str) -> None:
        self._invoke(["run", "--selector", "shadow"], as_of)

    def _invoke(self, args: list[str], as_of: str) -> None:
        result = invoke([*args, *self.vars], project_dir=self.project_dir, manifest=self.manifest, as_of=as_of,
                        env=self.env)
        if not result.success:
            print(result.output[-6000:], file=sys.stderr)
            raise SystemExit(f"shadow run of {self.model_id} failed at dbt {' '.join(args)} (as of {as_of})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--as-of", required=True, help="the scoring date, YYYY-MM-DD (the live run's)")
    parser.add_argument("--model", action="append", help="a candidate to score (default: every candidate)")
    parser.add_argument("--vars", default=None, help="dbt --vars as a JSON mapping, added to every command")
    parser.add_argument("--project-dir", default=str(PROJECT_DIR))
    args = parser.parse_args(argv)
    project_dir = Path(args.project_dir)
    models = candidates(project_dir, args.model)
    if not models:
        print("no candidate model in seeds/scoring_models.csv: nothing to score in shadow")
        return 0
    extra = json.loads(args.vars) if args.vars else None
    for model_id in models:
        run = ShadowRun(project_dir, model_id, extra)
        run.check(args.as_of)
        run.score(args.as_of)
        print(f"scored {model_id} in shadow as of {args.as_of}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
