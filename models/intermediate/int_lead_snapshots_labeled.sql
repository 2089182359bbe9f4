-- Each snapshot row (lead_score_snapshots) labelled, for every milestone, with what happened
-- within the horizon after the snapshot: one row per model, snapshot day, lead and milestone.
-- Only outcomes known on the scoring date count (lead_outcomes stops there), and a snapshot
-- whose horizon has not fully passed by then is censored, never counted as a loss. A lead
-- that had already reached the milestone on the snapshot day is marked, not evaluated.
{%- set as_of = lead_scoring.as_of_date(var('as_of')) %}
{%- set horizon = var('lead_scoring_outcome_horizon_days', 90) | int %}
{%- if horizon < 1 %}
    {{ exceptions.raise_compiler_error("var lead_scoring_outcome_horizon_days must be a whole number of days >= 1, got " ~ horizon) }}
{%- endif %}

with

snapshots as (
    select * from {{ ref('lead_scoring', 'lead_score_snapshots') }}
),

milestones as (
    select milestone from {{ lead_scoring.settings_table('outcome_milestones') }}
),

outcomes as (
    select lead_id, milestone, reached_on from {{ ref('lead_scoring', 'lead_outcomes') }}
),

labeled as (
    select
        snapshots.model_id,
        snapshots.as_of as snapshot_date,
        snapshots.lead_id,
        milestones.milestone,
        {{ horizon }} as horizon_days,
        outcomes.reached_on,
        case
            when outcomes.reached_on <= snapshots.as_of then 'already_reached'
            when {{ lead_scoring.days_between('snapshots.as_of', as_of) }} < {{ horizon }} then 'censored'
            when {{ lead_scoring.days_between('snapshots.as_of', 'outcomes.reached_on') }} <= {{ horizon }}
                then 'converted'
            else 'not_converted'
        end as label_status,
        {{ lead_scoring.is_holdout_lead('snapshots.lead_id') }} as is_holdout,
        snapshots.population,
        snapshots.fit_score,
        snapshots.intent_score,
        snapshots.negative_score,
        snapshots.total_score,
        snapshots.score_cell,
        snapshots.segment,
        snapshots.is_mql
    from snapshots
    cross join milestones
    left join outcomes
        on
            snapshots.lead_id = outcomes.lead_id
            and milestones.milestone = outcomes.milestone
),

final as (
    select
        *,
        label_status in ('converted', 'not_converted') as is_evaluated,
        case label_status when 'converted' then 1 when 'not_converted' then 0 end as converted
    from labeled
)

select * from final
