{{ config(materialized='view') }}
-- The evaluated rows of int_lead_snapshots_labeled (horizon passed, milestone not reached on the
-- snapshot day) with the calibrated probability, twice: once under their snapshot day (scope
-- snapshot) and once pooled over every snapshot day (scope pooled, snapshot_date null). One row
-- per scope, model, snapshot day, lead and milestone. Every evaluation mart groups these rows.

with

labeled as (
    select * from {{ ref('lead_scoring', 'int_lead_snapshots_labeled') }}
    where is_evaluated
),

calibration as (
    select * from {{ ref('lead_scoring', 'p_convert_calibration') }}
    where calibration_status = 'fitted'
),

with_probability as (
    select
        labeled.*,
        case
            when calibration.model_id is not null
                then {{ lead_scoring.logistic('calibration.intercept + calibration.slope * labeled.total_score') }}
        end as p_convert
    from labeled
    left join calibration
        on
            labeled.model_id = calibration.model_id
            and labeled.milestone = calibration.milestone
            and labeled.horizon_days = calibration.horizon_days
),

final as (
    select
        'snapshot' as scope,
        with_probability.*,
        with_probability.snapshot_date as row_snapshot_date
    from with_probability
    union all
    select
        'pooled' as scope,
        model_id,
        cast(null as date) as snapshot_date,
        lead_id,
        milestone,
        horizon_days,
        reached_on,
        label_status,
        is_holdout,
        population,
        fit_score,
        intent_score,
        negative_score,
        total_score,
        score_cell,
        segment,
        is_mql,
        is_evaluated,
        converted,
        p_convert,
        snapshot_date as row_snapshot_date
    from with_probability
)

select * from final
