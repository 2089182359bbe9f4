-- Who a candidate model would move: one row per candidate (any stored model other than the
-- live one), snapshot day and lead whose segment or MQL status differs between the live
-- model's snapshot and the candidate's on that day, with both sides' scores and top reasons.
-- Candidates get snapshots from make shadow (on snapshot days) or make backtest MODEL=....

with

snapshots as (
    select * from {{ ref('lead_scoring', 'lead_score_snapshots') }}
),

models as (
    select model_id, status from {{ lead_scoring.settings_table('scoring_models') }}
),

live as (
    select * from snapshots
    where model_id = {{ lead_scoring.quoted_string(var('lead_scoring_model_id')) }}
),

candidate as (
    select * from snapshots
    where model_id != {{ lead_scoring.quoted_string(var('lead_scoring_model_id')) }}
),

paired as (
    select
        candidate.model_id as candidate_model_id,
        live.model_id as live_model_id,
        live.as_of,
        live.lead_id,
        live.population,
        live.total_score as live_total_score,
        candidate.total_score as candidate_total_score,
        live.segment as live_segment,
        candidate.segment as candidate_segment,
        live.is_mql as live_is_mql,
        candidate.is_mql as candidate_is_mql,
        live.top_reason_ids as live_top_reason_ids,
        candidate.top_reason_ids as candidate_top_reason_ids
    from live
    inner join candidate
        on
            live.as_of = candidate.as_of
            and live.lead_id = candidate.lead_id
),

final as (
    select
        paired.candidate_model_id,
        coalesce(models.status, 'unlisted') as candidate_status,
        paired.live_model_id,
        paired.as_of,
        paired.lead_id,
        paired.population,
        paired.live_total_score,
        paired.candidate_total_score,
        paired.live_segment,
        paired.candidate_segment,
        paired.live_is_mql,
        paired.candidate_is_mql,
        -- Segments are A (best) to C: a candidate segment earlier in the alphabet is a move up.
        cast(case
            when paired.candidate_segment < paired.live_segment then 'up'
            when paired.candidate_segment > paired.live_segment then 'down'
            else 'same'
        end as {{ dbt.type_string() }}) as segment_move,
        cast(case
            when paired.candidate_is_mql and not paired.live_is_mql then 'gained'
            when paired.live_is_mql and not paired.candidate_is_mql then 'lost'
            else 'same'
        end as {{ dbt.type_string() }}) as mql_change,
        paired.live_top_reason_ids,
        paired.candidate_top_reason_ids
    from paired
    left join models
        on paired.candidate_model_id = models.model_id
    where
        paired.live_segment != paired.candidate_segment
        or paired.live_is_mql != paired.candidate_is_mql
)

select * from final
