{% macro print_evaluation_report(model_id=none, milestone=none, max_rules=10) %}
    {#- Prints the evaluation of make evaluate (dbt run-operation print_evaluation_report): the
        pooled summary, lift by segment and score decile, calibration on the holdout leads, the
        worst rules and the capacity thresholds of one model and milestone. Fails with a message
        saying what to do when no snapshot has a horizon that has passed.
        model_id: default var lead_scoring_model_id; milestone: default var
        lead_scoring_primary_milestone; max_rules: rows of the rule table. -#}
    {%- if not execute %}{{ return('') }}{% endif -%}
    {%- set model_id = model_id or var('lead_scoring_model_id') -%}
    {%- set milestone = milestone or var('lead_scoring_primary_milestone') -%}
    {%- set horizon = var('lead_scoring_outcome_horizon_days', 90) | int -%}
    {%- set where -%}
        model_id = {{ lead_scoring.quoted_string(model_id) }} and milestone = {{ lead_scoring.quoted_string(milestone) }}
        and horizon_days = {{ horizon }}
    {%- endset -%}
    {%- set snapshots = run_query(
        "select count(*), min(as_of), max(as_of) from " ~ ref('lead_scoring', 'lead_score_snapshots')
        ~ " where model_id = " ~ lead_scoring.quoted_string(model_id)
    ) -%}
    {%- set summary = run_query(
        "select * from " ~ ref('lead_scoring', 'evaluation_summary') ~ " where scope = 'pooled' and " ~ where
    ) -%}
    {%- if summary.rows | length == 0 or summary.rows[0]['evaluated_leads'] == 0 -%}
        {%- set count, first, last = snapshots.rows[0][0], snapshots.rows[0][1], snapshots.rows[0][2] -%}
        {{ exceptions.raise_compiler_error(
            "nothing to evaluate for model " ~ model_id ~ ", milestone " ~ milestone ~ ", horizon " ~ horizon
            ~ " days: " ~ (("the " ~ count ~ " snapshot rows run from " ~ first ~ " to " ~ last) if count else "there are no snapshots")
            ~ ", and a snapshot counts only once its horizon has passed by the scoring date (LEAD_SCORING_AS_OF)."
            ~ " Backtest dates at least " ~ horizon ~ " days before it (make backtest FROM=... TO=...),"
            ~ " or shorten var lead_scoring_outcome_horizon_days."
        ) }}
    {%- endif -%}
    {%- set row = summary.rows[0] -%}
    {{ print("") }}
    {{ print("Evaluation of model " ~ model_id ~ ": " ~ milestone ~ " within " ~ horizon ~ " days") }}
    {{ print("  snapshots " ~ row['first_snapshot_date'] ~ " to " ~ row['last_snapshot_date'] ~ " (" ~ row['snapshot_days']
        ~ " days), " ~ row['evaluated_leads'] ~ " lead-snapshots evaluated, " ~ row['conversions'] ~ " converted (base rate "
        ~ lead_scoring.report_number(row['base_rate'], 3) ~ "); " ~ row['already_reached_leads'] ~ " had already reached it") }}
    {{ print("  ROC AUC total " ~ lead_scoring.report_number(row['roc_auc'], 3) ~ ", fit " ~ lead_scoring.report_number(row['fit_roc_auc'], 3)
        ~ ", intent " ~ lead_scoring.report_number(row['intent_roc_auc'], 3) ~ "  (0.5 = random)") }}
    {{ print("  MQL flag: precision " ~ lead_scoring.report_number(row['mql_precision'], 3) ~ ", recall "
        ~ lead_scoring.report_number(row['mql_recall'], 3) ~ ", lift " ~ lead_scoring.report_number(row['mql_lift'], 2)
        ~ " (" ~ row['mql_leads'] ~ " MQL lead-snapshots)") }}
    {%- set calibration = run_query(
        "select calibration_status, calibration_id, intercept, slope, converted_leads, not_converted_leads from "
        ~ ref('lead_scoring', 'p_convert_calibration') ~ " where " ~ where
    ) -%}
    {%- if calibration.rows | length and calibration.rows[0][0] == 'fitted' -%}
        {{ print("  p_convert " ~ calibration.rows[0][1] ~ ": p = 1 / (1 + exp(-(" ~ lead_scoring.report_number(calibration.rows[0][2], 4)
            ~ " + " ~ lead_scoring.report_number(calibration.rows[0][3], 5) ~ " x total_score)))") }}
        {{ print("  Brier " ~ lead_scoring.report_number(row['brier_score'], 4) ~ ", calibration error (ECE) "
            ~ lead_scoring.report_number(row['calibration_error'], 4) ~ "; on the " ~ row['holdout_leads']
            ~ " holdout lead-snapshots: Brier " ~ lead_scoring.report_number(row['holdout_brier_score'], 4)
            ~ ", ECE " ~ lead_scoring.report_number(row['holdout_calibration_error'], 4)) }}
    {%- elif calibration.rows | length -%}
        {{ print("  p_convert not fitted: " ~ calibration.rows[0][0] ~ " (" ~ calibration.rows[0][4] ~ " converted and "
            ~ calibration.rows[0][5] ~ " not converted leads; var lead_scoring_p_convert_min_outcomes)") }}
    {%- endif -%}
    {{ print("") }}
    {{ print("Conversion by segment and by score decile (10 = highest total_score), pooled:") }}
    {%- set lift = run_query(
        "select slice_type, slice_value, leads, conversions, round(cast(conversion_rate as decimal(12, 4)), 4) as conversion_rate, "
        ~ "round(cast(lift as decimal(12, 2)), 2) as lift from " ~ ref('lead_scoring', 'evaluation_by_slice')
        ~ " where scope = 'pooled' and slice_type in ('segment', 'score_decile') and " ~ where
        ~ " order by slice_type desc, case when slice_type = 'score_decile' then cast(slice_value as integer) end desc, slice_value"
    ) -%}
    {%- do lift.print_table(max_rows=30, max_columns=10, max_column_width=20, max_precision=4) -%}
    {{ print("") }}
    {{ print("Calibration on the holdout leads (predicted vs observed per p_convert decile):") }}
    {%- set bins = run_query(
        "select p_decile, rows_in_decile, round(cast(mean_predicted as decimal(12, 4)), 4) as mean_predicted, "
        ~ "round(cast(observed_rate as decimal(12, 4)), 4) as observed_rate from " ~ ref('lead_scoring', 'evaluation_calibration')
        ~ " where scope = 'pooled' and sample = 'holdout' and " ~ where ~ " order by p_decile"
    ) -%}
    {%- do bins.print_table(max_rows=10, max_precision=4) -%}
    {{ print("") }}
    {{ print("Rules and signals that need a look (verdict not ok; wrong signs first, then by information value):") }}
    {%- set rules = run_query(
        "select rule_id, verdict, points, leads_hit, round(cast(conversion_when_hit as decimal(12, 4)), 4) as conv_hit, "
        ~ "round(cast(conversion_when_not_hit as decimal(12, 4)), 4) as conv_not_hit, round(cast(lift as decimal(12, 2)), 2) as lift, "
        ~ "round(cast(information_value as decimal(12, 3)), 3) as iv from " ~ ref('lead_scoring', 'rule_effectiveness')
        ~ " where verdict != 'ok' and " ~ where
        ~ " order by case verdict when 'wrong_sign' then 0 when 'possible_leakage' then 1 when 'unscored_signal' then 2 else 3 end,"
        ~ " information_value desc, rule_id"
    ) -%}
    {%- do rules.print_table(max_rows=max_rules, max_columns=10, max_column_width=28, max_precision=4) -%}
    {{ print("") }}
    {{ print("Thresholds sized to sales capacity (seeds/sales_capacity.csv):") }}
    {%- set capacity = run_query(
        "select population, capacity_per_week as capacity, suggested_min_total as suggested, "
        ~ "round(cast(suggested_leads_per_week as decimal(12, 1)), 1) as per_week, "
        ~ "round(cast(suggested_conversion_rate as decimal(12, 4)), 4) as conversion, configured_min_total as configured, "
        ~ "round(cast(configured_leads_per_week as decimal(12, 1)), 1) as configured_per_week, "
        ~ "round(cast(configured_conversion_rate as decimal(12, 4)), 4) as configured_conversion from "
        ~ ref('lead_scoring', 'evaluation_capacity') ~ " where " ~ where ~ " order by population"
    ) -%}
    {%- do capacity.print_table(max_rows=5, max_columns=10, max_column_width=20, max_precision=4) -%}
{% endmacro %}


{% macro report_number(value, digits) %}
    {#- A number of the report with the given digits after the point, or n/a for null.
        value: a number or none; digits: an integer. -#}
    {%- if value is none -%}{{ return('n/a') }}{%- endif -%}
    {{ return(('%.' ~ digits ~ 'f') % (value | float)) }}
{% endmacro %}
