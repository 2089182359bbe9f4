{%- set hooks = lead_scoring.event_state_hooks(day_column='activity_date') %}
{{ config(
    materialized=lead_scoring.event_state_materialization(),
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook=hooks.pre_hook,
    post_hook=hooks.post_hook,
) }}
-- depends_on: {{ lead_scoring.settings_table('event_signal_map') }}
-- depends_on: {{ lead_scoring.settings_table('signal_weights') }}
-- depends_on: {{ lead_scoring.raw_input('activity_events') }}
-- The event keys (event_id, occurred_at) seen more than once among the staged events, by
-- their 64-bit hash (key_hash): what the deduplication of mapped_events needs to know, found
-- once per run here instead of once in every model that reads events (a full build did it in
-- four models). Every event, whatever its date: the models that read events take what their
-- own days need. Copies share occurred_at, so a day's repeated keys depend on that day's
-- events only: incremental with the plan of the event state (macros/event_state.sql), a fold
-- finds them again for every day after the stored frozen_through (open days, later days, late
-- events for them) after the pre-hook dropped those days; a change to a frozen day's events
-- rebuilds everything. Events without an id or a time are never copies. No key when
-- var('lead_scoring_deduplicate_events') is false.
{%- set plan = lead_scoring.event_state_plan(var('as_of')) %}
{%- set key_hash = lead_scoring.key_hash(['event_id', 'occurred_at']) %}
{#- A rebuild reads every event, a fold the days after the stored frozen_through. -#}
{%- if not var('lead_scoring_deduplicate_events', true) %}
    {%- set scanned_days = '1 = 0' %}
{%- elif plan.mode == 'fold' %}
    {%- set scanned_days = "occurred_at >= cast('" ~ lead_scoring.next_day_value(plan.fold_after)
        ~ "' as " ~ dbt.type_timestamp() ~ ")" %}
{%- else %}
    {%- set scanned_days = '1 = 1' %}
{%- endif %}

with

events as (
    select
        event_id,
        occurred_at
    from {{ ref('lead_scoring', 'stg_lead_scoring__activity_events') }}
    where
        event_id is not null
        and occurred_at is not null
        and ({{ scanned_days }})
),

-- Each key hash and day with more than one event, and the number of its events
-- (repeated_key_days: a group-by, or on DuckDB a sort).
repeated as (
    {{ lead_scoring.repeated_key_days('events', key_hash) | indent(4) }}
),

-- Plus one bookkeeping row (no key, no day) that carries the state's frozen_through,
-- checksum and fingerprint, so that a table without any copy still folds (the pre-hook of
-- a fold drops it with the days it re-derives, and each run writes it again).
with_bookkeeping as (
    select
        key_hash,
        activity_date,
        copy_count
    from repeated
    union all
    select
        null as key_hash,
        cast(null as date) as activity_date,
        0 as copy_count
),

final as (
    select
        key_hash,
        activity_date,
        cast(copy_count as {{ dbt.type_bigint() }}) as copy_count,
        cast('{{ plan.frozen_through }}' as date) as frozen_through,
        cast({{ plan.frozen_source_checksum }} as {{ dbt.type_bigint() }}) as frozen_source_checksum,
        cast('{{ plan.fingerprint }}' as {{ dbt.type_string() }}) as state_fingerprint
    from with_bookkeeping
)

select * from final
