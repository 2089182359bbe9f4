-- Conservation: every staged event dated on or before the scoring date, or without a
-- time, ends in exactly one place: scored (counted by int_lead_signals_decayed, which
-- reads the incremental state) or events_quarantined, with the same count per reason
-- as a fresh derivation from the events. On a mismatch it stops the build with one error
-- naming every mismatch and what to do. intent_scores declares a dependency on every model
-- read here, so dbt build holds intent_scores, lead_scores and the history back until this
-- check has passed: a broken state never replaces the marts.
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

problems as (
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
),

summary as (
    select
        count(*) as mismatches,
        {{ lead_scoring.ordered_listagg("outcome || ': ' || problem", "'; '", 'outcome') }} as problems
    from problems
),

final as (
    -- The error sits in the filter: dbt's test wrapper only counts rows, and an engine may
    -- skip computing a column nobody reads.
    select mismatches, problems
    from summary
    -- CASE, not AND: PostgreSQL may evaluate either side of an AND first.
    where
        case
            when mismatches > 0
                then {{ lead_scoring.raise_sql_error(
                    "'Events were lost or counted twice between the staged events and the incremental event "
                    ~ "state (' || problems || '). intent_scores, lead_scores and lead_score_history were not "
                    ~ "replaced. Rebuild the event state: dbt build --full-refresh --select int_lead_signal_history+ "
                    ~ "int_lead_signal_recent_days+ events_quarantined+ (the history survives a full refresh); "
                    ~ "if it happens again, report it with the output of this test.'"
                ) }} is null
            else false
        end
)

select * from final
