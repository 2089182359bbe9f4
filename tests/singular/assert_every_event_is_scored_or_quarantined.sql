-- Conservation: every staged event dated on or before the scoring date, or without a
-- time, ends in exactly one place: scored (counted by int_lead_signals_decayed, which
-- reads the incremental state) or events_quarantined, with the same count per reason
-- as a fresh derivation from the events. Returns one row per mismatch.
{%- set as_of = lead_scoring.as_of_date(var('as_of')) %}

with

mapped as (
    select
        coalesce(quarantine_reason, 'scored') as outcome,
        count(*) as derived_events
    from {{ ref('lead_scoring', 'int_events_mapped_to_signals') }}
    where occurred_at is null or activity_date <= {{ as_of }}
    group by coalesce(quarantine_reason, 'scored')
),

staged as (
    select count(*) as staged_events
    from {{ ref('lead_scoring', 'stg_lead_scoring__activity_events') }}
    where occurred_at is null or cast(occurred_at as date) <= {{ as_of }}
),

landed as (
    select
        quarantine_reason as outcome,
        count(*) as landed_events
    from {{ ref('lead_scoring', 'events_quarantined') }}
    where occurred_at is null or activity_date <= {{ as_of }}
    group by quarantine_reason
    union all
    select
        'scored' as outcome,
        sum(event_count) as landed_events
    from {{ ref('lead_scoring', 'int_lead_signals_decayed') }}
),

per_outcome as (
    select
        coalesce(mapped.outcome, landed.outcome) as outcome,
        coalesce(mapped.derived_events, 0) as derived_events,
        coalesce(landed.landed_events, 0) as landed_events
    from mapped
    full outer join landed
        on mapped.outcome = landed.outcome
),

final as (
    select
        outcome,
        'derived ' || cast(derived_events as {{ dbt.type_string() }})
        || ' events but ' || cast(landed_events as {{ dbt.type_string() }}) || ' landed' as problem
    from per_outcome
    where derived_events != landed_events
    union all
    select
        'all' as outcome,
        'staged events != scored + quarantined' as problem
    from staged
    where staged.staged_events != (select sum(per_outcome.landed_events) from per_outcome)
)

select * from final
