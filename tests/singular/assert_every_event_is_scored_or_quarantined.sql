-- Conservation: every staged event is either counted in int_lead_signal_days or
-- quarantined, per source event type. Returns the event types that do not add up.

with

staged as (
    select event_type, count(*) as staged_events
    from {{ ref('stg_activity__events') }}
    group by event_type
),

quarantined as (
    select event_type, count(*) as quarantined_events
    from {{ ref('events_quarantined') }}
    group by event_type
),

scored as (
    select event_type, count(*) as scored_events
    from {{ ref('int_events_mapped_to_signals') }}
    where quarantine_reason is null
    group by event_type
),

scored_total as (
    select sum(event_count) as scored_events from {{ ref('int_lead_signal_days') }}
),

per_type as (
    select
        staged.event_type,
        staged.staged_events,
        coalesce(quarantined.quarantined_events, 0) as quarantined_events,
        coalesce(scored.scored_events, 0) as scored_events
    from staged
    left join quarantined on staged.event_type = quarantined.event_type
    left join scored on staged.event_type = scored.event_type
),

final as (
    select
        event_type,
        'staged events != scored + quarantined' as problem
    from per_type
    where staged_events != scored_events + quarantined_events
    union all
    select
        'all' as event_type,
        'int_lead_signal_days does not hold every scored event' as problem
    from scored_total
    where scored_total.scored_events != (select sum(per_type.scored_events) from per_type)
)

select * from final
