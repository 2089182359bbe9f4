{{ config(materialized='view') }}
-- p_convert of every lead of lead_scores_current: the probability of reaching the primary
-- milestone (var lead_scoring_primary_milestone) within the horizon, from the live model's
-- calibration (p_convert_calibration), with the calibration it came from. Null, with the
-- reason in p_convert_status, for a lead that already reached the milestone, and for every
-- lead while there are too few outcomes or no snapshot whose horizon has passed.
-- A view: two readers (lead_score_history, lead_scores) each join it in less time than writing
-- 1M rows every day takes.
{%- set primary = var('lead_scoring_primary_milestone', 'opportunity_created') %}
{%- set horizon = var('lead_scoring_outcome_horizon_days', 90) | int %}

with

lead_scores as (
    select lead_id, total_score from {{ ref('lead_scoring', 'lead_scores_current') }}
),

calibration as (
    select * from {{ ref('lead_scoring', 'p_convert_calibration') }}
    where
        model_id = '{{ var("lead_scoring_model_id") }}'
        and milestone = '{{ primary }}'
        and horizon_days = {{ horizon }}
),

reached as (
    select lead_id from {{ ref('lead_scoring', 'lead_outcomes') }}
    where milestone = '{{ primary }}'
),

final as (
    select
        lead_scores.lead_id,
        case
            when reached.lead_id is null and calibration.calibration_status = 'fitted'
                then {{ lead_scoring.logistic('calibration.intercept + calibration.slope * lead_scores.total_score') }}
        end as p_convert,
        case
            when reached.lead_id is not null then 'already_reached'
            when calibration.calibration_status is null then 'no_complete_snapshots'
            else calibration.calibration_status
        end as p_convert_status,
        calibration.calibration_id as p_convert_calibration_id
    from lead_scores
    left join reached
        on lead_scores.lead_id = reached.lead_id
    -- One calibration row or none: every lead takes it.
    left join calibration
        on 1 = 1
)

select * from final
