-- How well the scores predicted the outcomes that followed: one row per scope, model, snapshot
-- day, milestone and horizon. scope snapshot: one snapshot day, censored days included and
-- marked (their metrics stay null); scope pooled: every snapshot day whose horizon had passed,
-- together. Metrics: ROC AUC of total, fit and intent score (rank-based, ties at their average
-- rank, 0.5 = random), precision / recall / lift of the MQL flag, Brier score and expected
-- calibration error of p_convert (all evaluated rows, and the holdout leads alone).
{%- set dbl = lead_scoring.type_double() %}
{%- set groups = ['scope', 'model_id', 'snapshot_date', 'milestone', 'horizon_days'] %}


with

labeled as (
    select * from {{ ref('lead_scoring', 'int_lead_snapshots_labeled') }}
),

evaluation_rows as (
    select * from {{ ref('lead_scoring', 'int_evaluation_rows') }}
),

calibration_bins as (
    select * from {{ ref('lead_scoring', 'evaluation_calibration') }}
),

-- Every snapshot day with how its rows were labelled (censored days too).
snapshot_days as (
    select
        'snapshot' as scope,
        model_id,
        snapshot_date,
        milestone,
        horizon_days,
        count(*) as snapshot_leads,
        sum(case when label_status = 'censored' then 1 else 0 end) as censored_leads,
        sum(case when label_status = 'already_reached' then 1 else 0 end) as already_reached_leads
    from labeled
    group by model_id, snapshot_date, milestone, horizon_days
    union all
    select
        'pooled' as scope,
        model_id,
        cast(null as date) as snapshot_date,
        milestone,
        horizon_days,
        sum(case when label_status != 'censored' then 1 else 0 end) as snapshot_leads,
        0 as censored_leads,
        sum(case when label_status = 'already_reached' then 1 else 0 end) as already_reached_leads
    from labeled
    group by model_id, milestone, horizon_days
    having sum(case when label_status != 'censored' then 1 else 0 end) > 0
),

metrics as (
    select
        {{ groups | join(', ') }},
        count(*) as evaluated_leads,
        sum(converted) as conversions,
        avg(cast(converted as {{ dbl }})) as base_rate,
        count(distinct row_snapshot_date) as snapshot_days,
        min(row_snapshot_date) as first_snapshot_date,
        max(row_snapshot_date) as last_snapshot_date,
        sum(case when is_mql then 1 else 0 end) as mql_leads,
        sum(case when is_mql then converted else 0 end) as mql_conversions,
        avg(cast(p_convert as {{ dbl }})) as mean_p_convert,
        avg((p_convert - converted) * (p_convert - converted)) as brier_score,
        avg(case when is_holdout then (p_convert - converted) * (p_convert - converted) end) as holdout_brier_score
    from evaluation_rows
    group by {{ groups | join(', ') }}
),

{%- for score in ['total', 'fit', 'intent'] %}

    {{ score }}_auc as (
        {{ lead_scoring.roc_auc('evaluation_rows', groups, score ~ '_score', 'converted') | indent(4) }}
    ),
{%- endfor %}

expected_calibration_error as (
    select
        {{ groups | join(', ') }},
        sum(case when sample = 'all' then rows_in_decile * abs(gap) end)
        / nullif(sum(case when sample = 'all' then rows_in_decile end), 0) as calibration_error,
        sum(case when sample = 'holdout' then rows_in_decile * abs(gap) end)
        / nullif(sum(case when sample = 'holdout' then rows_in_decile end), 0) as holdout_calibration_error,
        sum(case when sample = 'holdout' then rows_in_decile else 0 end) as holdout_leads
    from calibration_bins
    group by {{ groups | join(', ') }}
),

final as (
    select
        snapshot_days.scope,
        snapshot_days.model_id,
        snapshot_days.snapshot_date,
        snapshot_days.milestone,
        snapshot_days.horizon_days,
        snapshot_days.snapshot_leads,
        snapshot_days.censored_leads,
        snapshot_days.already_reached_leads,
        snapshot_days.censored_leads > 0 as is_censored,
        coalesce(metrics.evaluated_leads, 0) as evaluated_leads,
        coalesce(metrics.conversions, 0) as conversions,
        metrics.base_rate,
        metrics.snapshot_days,
        metrics.first_snapshot_date,
        metrics.last_snapshot_date,
        total_auc.roc_auc,
        fit_auc.roc_auc as fit_roc_auc,
        intent_auc.roc_auc as intent_roc_auc,
        coalesce(metrics.mql_leads, 0) as mql_leads,
        coalesce(metrics.mql_conversions, 0) as mql_conversions,
        cast(metrics.mql_conversions as {{ dbl }}) / nullif(metrics.mql_leads, 0) as mql_precision,
        cast(metrics.mql_conversions as {{ dbl }}) / nullif(metrics.conversions, 0) as mql_recall,
        cast(metrics.mql_conversions as {{ dbl }}) / nullif(metrics.mql_leads, 0)
        / nullif(metrics.base_rate, 0) as mql_lift,
        metrics.mean_p_convert,
        metrics.brier_score,
        expected_calibration_error.calibration_error,
        metrics.holdout_brier_score,
        expected_calibration_error.holdout_calibration_error,
        expected_calibration_error.holdout_leads
    from snapshot_days
    left join metrics
        on {{ lead_scoring.same_evaluation_group('snapshot_days', 'metrics') }}
    left join total_auc
        on {{ lead_scoring.same_evaluation_group('snapshot_days', 'total_auc') }}
    left join fit_auc
        on {{ lead_scoring.same_evaluation_group('snapshot_days', 'fit_auc') }}
    left join intent_auc
        on {{ lead_scoring.same_evaluation_group('snapshot_days', 'intent_auc') }}
    left join expected_calibration_error
        on {{ lead_scoring.same_evaluation_group('snapshot_days', 'expected_calibration_error') }}
)

select * from final
