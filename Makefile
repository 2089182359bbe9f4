# Two commands for a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SIZE ?= demo
AS_OF ?= 2026-06-30
LINT_PROCESSES ?= 2
# pytest workers for make test (pytest-xdist; each test module stays on one worker).
PYTEST_WORKERS ?= 2
# The tests' DuckDB runs one thread each (their data is tiny, and the two workers and the
# linter already share the cores: about 7 % less time). Where the tests' throw-away
# databases go: a RAM disk when there is one (each dbt model
# commits to its file: about 20 % of a test build's time on a disk), one folder per checkout.
PYTEST_TMP ?= $(shell if [ -d /dev/shm ] && [ -w /dev/shm ]; then echo /dev/shm/lead_scoring_pytest_$$(echo $(CURDIR) | md5sum | cut -c1-12); else echo $(CURDIR)/target/pytest; fi)

export DBT_PROFILES_DIR := $(CURDIR)/profiles
export LEAD_SCORING_DB ?= $(CURDIR)/lead_scoring.duckdb
export DBT_SEND_ANONYMOUS_USAGE_STATS := false

.PHONY: help setup setup-engines data demo build test test-postgres test-spark test-engines test-bi lint docs dashboard bench backfill backtest evaluate train shadow clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

setup: $(STAMP)  ## create .venv and install the pinned requirements

ENGINES_STAMP := $(VENV)/.installed-engines
$(ENGINES_STAMP): $(STAMP) requirements-engines.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-engines.txt
	touch $(ENGINES_STAMP)

setup-engines: $(ENGINES_STAMP)  ## also install the PostgreSQL and Spark adapters (pyspark)

BI_STAMP := $(VENV)/.installed-bi
$(BI_STAMP): $(STAMP) requirements-bi.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-bi.txt
	touch $(BI_STAMP)

data: $(STAMP)  ## generate demo data (SIZE=demo|medium|large|xl) into $LEAD_SCORING_DB
	rm -f $(LEAD_SCORING_DB) $(LEAD_SCORING_DB).wal
	$(BIN)/python -m lead_scoring_tools.demo.generate --db $(LEAD_SCORING_DB) --size $(SIZE)

build: $(STAMP)  ## dbt build (seeds, models, tests) scored as of AS_OF
	LEAD_SCORING_AS_OF=$(AS_OF) $(BIN)/dbt build

demo: data build  ## set up, generate demo data, build, print the top leads
	$(BIN)/python -m lead_scoring_tools.demo.show --db $(LEAD_SCORING_DB)

lint: $(STAMP)  ## sqlfluff lint with the dbt templater, every CRM adapter in the same pass (own DuckDB file)
	mkdir -p target
	LEAD_SCORING_DB=$(CURDIR)/target/lint.duckdb $(BIN)/sqlfluff lint --processes $(LINT_PROCESSES) models tests

TEST_DB := $(CURDIR)/target/test.duckdb

test: $(STAMP)  ## lint, dbt build (every data and unit test) on demo data, then pytest; prints each step's time
	@# The linter (one process, its own DuckDB file) runs beside the builds, at a lower priority
	@# (nice): it uses the CPU dbt and pytest leave idle instead of slowing them down. Its output
	@# is shown when it ends; a lint failure fails the target.
	@set -e; mkdir -p target; summary=""; all_started=$$(date +%s); \
	step() { local name=$$1 started=$$(date +%s); shift; echo ">>> $$name: $$*"; "$$@"; \
		summary="$$summary$$(printf '  %-34s %5d s' "$$name" $$(( $$(date +%s) - started )))\n"; }; \
	( started=$$(date +%s); status=0; nice -n 15 $(MAKE) --no-print-directory lint LINT_PROCESSES=1 > target/lint.log 2>&1 || status=$$?; \
	  echo $$(( $$(date +%s) - started )) > target/lint.seconds; exit $$status ) & lint_pid=$$!; \
	step "demo data" $(MAKE) --no-print-directory data LEAD_SCORING_DB=$(TEST_DB); \
	step "dbt build on demo data" env LEAD_SCORING_DB=$(TEST_DB) LEAD_SCORING_AS_OF=$(AS_OF) $(BIN)/dbt build; \
	step "pytest ($(PYTEST_WORKERS) workers)" env LEAD_SCORING_DUCKDB_THREADS=1 $(BIN)/pytest pytests -n $(PYTEST_WORKERS) --dist loadfile --basetemp=$(PYTEST_TMP) $(PYTEST_ARGS); \
	rm -rf $(PYTEST_TMP); \
	lint_status=0; wait $$lint_pid || lint_status=$$?; echo ">>> lint (ran beside the steps above):"; cat target/lint.log; \
	summary="$$summary$$(printf '  %-34s %5d s' "lint (beside the others)" $$(cat target/lint.seconds))\n"; \
	printf "\nmake test steps:\n$$summary  %-34s %5d s\n" "total (wall)" $$(( $$(date +%s) - all_started )); \
	exit $$lint_status

test-postgres: $(ENGINES_STAMP)  ## start a throw-away PostgreSQL, run the portable tests and the agreement test on it, stop it
	$(BIN)/python -m lead_scoring_tools.testing.pg_server -- $(BIN)/pytest pytests --engine postgres

test-spark: $(ENGINES_STAMP)  ## run the portable tests and the agreement test on Spark (pyspark, local session; needs Java 17)
	$(BIN)/pytest pytests --engine spark

test-engines: test-postgres test-spark  ## both of the above

dashboard: $(STAMP)  ## write the static dashboard of the marts to target/dashboard/index.html (opens offline)
	$(BIN)/python -m lead_scoring_tools.dashboard.build --db $(LEAD_SCORING_DB)

test-bi: $(BI_STAMP)  ## mf query checked against SQL, and the dashboard in headless Chromium (installed if missing), on the demo data
	@command -v chromium > /dev/null || command -v chromium-browser > /dev/null || \
		{ [ "$$(id -u)" = 0 ] && { apt-get install -y -q chromium > /dev/null 2>&1 || \
			{ apt-get update -q > /dev/null && apt-get install -y -q chromium > /dev/null; }; }; } || \
		{ echo "test-bi needs Chromium: apt-get install -y chromium"; exit 1; }
	@mkdir -p target; test -f $(TEST_DB) || { $(MAKE) --no-print-directory data LEAD_SCORING_DB=$(TEST_DB) && \
		env LEAD_SCORING_DB=$(TEST_DB) LEAD_SCORING_AS_OF=$(AS_OF) $(BIN)/dbt build -q; }
	$(BIN)/pytest pytests_bi --basetemp=$(PYTEST_TMP)_bi -q --test-db $(TEST_DB)

docs: $(STAMP)  ## generate the dbt docs site into target/
	LEAD_SCORING_AS_OF=$(AS_OF) $(BIN)/dbt docs generate

clean:  ## remove generated files (keeps .venv)
	rm -rf target logs dbt_packages lead_scoring.duckdb lead_scoring.duckdb.wal

bench: $(STAMP)  ## benchmark SIZE=demo|medium|large|xl: full and daily builds vs a hand-written query and pandas
	$(BIN)/python -m lead_scoring_tools.bench.bench --size $(SIZE) $(BENCH_ARGS)

backfill: $(STAMP)  ## score every day FROM=YYYY-MM-DD TO=YYYY-MM-DD into lead_score_history
	@test -n "$(FROM)" -a -n "$(TO)" || { echo "usage: make backfill FROM=YYYY-MM-DD TO=YYYY-MM-DD"; exit 2; }
	$(BIN)/python -m lead_scoring_tools.ops.backfill --from $(FROM) --to $(TO)

EVERY ?= month
backtest: $(STAMP)  ## score snapshot dates FROM=YYYY-MM-DD TO=YYYY-MM-DD EVERY=day|week|month as the daily run on each would have (MODEL=id|all: candidates too, in shadow)
	@test -n "$(FROM)" -a -n "$(TO)" || { echo "usage: make backtest FROM=YYYY-MM-DD TO=YYYY-MM-DD [EVERY=month]"; exit 2; }
	$(BIN)/python -m lead_scoring_tools.ops.backtest --from $(FROM) --to $(TO) --every $(EVERY) $(if $(MODEL),--model $(MODEL))

evaluate: $(STAMP)  ## label the snapshots with the outcomes known on AS_OF, build the evaluation marts, print the report
	LEAD_SCORING_AS_OF=$(AS_OF) $(BIN)/python -m lead_scoring_tools.ops.evaluate

MODEL_ID ?= learned_v1
train: $(STAMP)  ## learn a scorecard from the evaluated backtest into scorecards/MODEL_ID (seeds to review, model card); TRAIN_ARGS passes options
	$(BIN)/python -m lead_scoring_tools.train.scorecard --model-id $(MODEL_ID) $(TRAIN_ARGS)

shadow: $(STAMP)  ## score every candidate of seeds/scoring_models.csv in shadow as of AS_OF (after the live run; MODEL=id for one)
	$(BIN)/python -m lead_scoring_tools.ops.shadow --as-of $(AS_OF) $(if $(MODEL),--model $(MODEL))
