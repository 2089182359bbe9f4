-- Events are scored by whole days (age = scoring date - event date), so a daily
-- count per lead and signal is all later models need: it is exact for every
-- decay mode and far smaller than the event table.
with

events as (
    select * from {{ ref('int_events_mapped_to_signals') }}
    where quarantine_reason is null
),

final as (
    select
        lead_id,
        signal,
        activity_date,
        count(*) as event_count,
        min(occurred_at) as first_occurred_at,
        max(occurred_at) as last_occurred_at
    from events
    group by lead_id, signal, activity_date
)

select * from final
