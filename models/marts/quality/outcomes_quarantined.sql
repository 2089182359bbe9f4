-- Outcome occurrences that cannot count (int_lead_milestone_events with a quarantine_reason):
-- one row per source row and milestone, with the reason. Nothing is dropped silently: an
-- opportunity without lead or account, dated before its lead existed, re-delivered, or a
-- status reached on no recorded day is listed here.
with

occurrences as (
    select * from {{ ref('lead_scoring', 'int_lead_milestone_events') }}
    where quarantine_reason is not null
),

final as (
    select
        source_table,
        source_key,
        source_copy,
        milestone,
        lead_id,
        account_id,
        opportunity_id,
        reached_at,
        quarantine_reason
    from occurrences
)

select * from final
