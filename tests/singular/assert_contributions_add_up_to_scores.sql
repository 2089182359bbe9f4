-- The scaled points of score_contributions add up, per lead, to each component of
-- lead_scores. Returns the leads and components that do not.

with

scores as (
    select * from {{ ref('lead_scoring', 'lead_scores') }}
),

sums as (
    select
        lead_id,
        sum(case when component = 'fit' then points else 0 end) as fit_points,
        sum(case when component = 'intent' then points else 0 end) as intent_points,
        sum(case when component = 'negative' then points else 0 end) as negative_points
    from {{ ref('lead_scoring', 'score_contributions') }}
    group by lead_id
),

final as (
    select
        scores.lead_id,
        scores.fit_score,
        scores.intent_score,
        scores.negative_score,
        coalesce(sums.fit_points, 0) as fit_points,
        coalesce(sums.intent_points, 0) as intent_points,
        coalesce(sums.negative_points, 0) as negative_points
    from scores
    left join sums
        on scores.lead_id = sums.lead_id
    where
        abs(scores.fit_score - coalesce(sums.fit_points, 0)) > 1e-6
        or abs(scores.intent_score - coalesce(sums.intent_points, 0)) > 1e-6
        or abs(scores.negative_score - coalesce(sums.negative_points, 0)) > 1e-6
)

select * from final
