"""Builds and tests the outcomes and evaluation marts from the stored snapshots, labelled with
the outcomes known on the scoring date (LEAD_SCORING_AS_OF, default today), then prints the
report: AUC, MQL precision and recall, calibration, lift by segment and decile, the rules that
point the wrong way, and the thresholds sized to sales capacity.

Fails with a message saying what to do when no snapshot's horizon has passed yet. Run
``make backtest`` first (or let the daily runs keep weekly snapshots).
"""

from __future__ import annotations

import argparse
import json
import sys

from lead_scoring_tools.ops.dbt_invoke import invoke, parse
from lead_scoring_tools.ops.scoring_days import PROJECT_DIR


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--as-of", default=None, help="the last day whose outcomes count, YYYY-MM-DD (default: env LEAD_SCORING_AS_OF, else today)")
    parser.add_argument("--model-id", default=None, help="the model to report (default var lead_scoring_model_id)")
    parser.add_argument("--milestone", default=None, help="the milestone to report (default var lead_scoring_primary_milestone)")
    parser.add_argument("--vars", default=None, help="dbt --vars for every command (YAML or JSON)")
    parser.add_argument("--project-dir", default=str(PROJECT_DIR), help="the dbt project (default: this one)")
    args = parser.parse_args(argv)
    shared = ["--vars", args.vars] if args.vars else []
    manifest = parse(shared, project_dir=args.project_dir)
    steps = [
        ["build", "--select", "resource_type:seed", "--indirect-selection", "cautious", *shared],
        ["build", "--selector", "evaluation", *shared],
    ]
    for step in steps:
        result = invoke(step, project_dir=args.project_dir, manifest=manifest, as_of=args.as_of)
        if not result.success:
            print(result.output[-6000:], file=sys.stderr)
            return 1
    report_args = {"model_id": args.model_id, "milestone": args.milestone}
    result = invoke(["run-operation", "print_evaluation_report", "--args", json.dumps(report_args), *shared],
                    project_dir=args.project_dir, manifest=manifest, as_of=args.as_of, echo=True)
    if not result.success:
        message = str(result.exception) if result.exception else result.output[-3000:]
        print(f"make evaluate: {message}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
