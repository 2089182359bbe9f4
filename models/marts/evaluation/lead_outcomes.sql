-- The outcomes a lead reached by the scoring date, one row per lead and milestone: the first
-- good occurrence (int_lead_milestone_events), how many there were, and for opportunity
-- milestones the first opportunity's status and amount. The evaluation labels snapshots with it.
{%- set as_of = lead_scoring.as_of_date(var('as_of')) %}

with

occurrences as (
    select * from {{ ref('lead_scoring', 'int_lead_milestone_events') }}
    where quarantine_reason is null
),

ranked as (
    select
        *,
        row_number() over (
            partition by lead_id, milestone
            order by reached_at, source_key, counted_via
        ) as occurrence_rank,
        count(*) over (partition by lead_id, milestone) as occurrence_count,
        sum(case when opportunity_status = 'won' then amount end) over (partition by lead_id, milestone)
            as won_amount
    from occurrences
),

final as (
    select
        lead_id,
        milestone,
        reached_at,
        reached_on,
        counted_via,
        opportunity_id,
        opportunity_status,
        amount,
        won_amount,
        occurrence_count,
        {{ as_of }} as observed_through
    from ranked
    where occurrence_rank = 1
)

select * from final
