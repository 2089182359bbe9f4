{%- set hooks = lead_scoring.event_state_hooks(day_column='activity_date', owner_refold='quarantine') %}
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
-- depends_on: {{ ref('lead_scoring', 'int_event_pair_owners') }}
-- depends_on: {{ ref('lead_scoring', 'int_frozen_events_moved') }}
-- Incremental like int_lead_signal_history (same plan, kept per model): a fold
-- re-derives every day after the stored frozen_through (and events without a
-- time), after the pre-hook removed those days; a rebuild re-derives everything. When the CRM
-- gives frozen events a lead or takes it away (int_event_pair_owners), the pre-hook deletes
-- their unmatched_lead rows and the fold derives those events again (moved_events).
{%- set plan = lead_scoring.event_state_plan(var('as_of'), follows_owners=true) %}
{%- set latest_allowed = lead_scoring.latest_event_time(var('lead_scoring_now', none)) %}
{#- The reasons an event has of its own, whatever its lead and signal. -#}
{%- set own_reason = 'event_id is null or occurred_at is null or copy_number > 1 or occurred_at > ' ~ latest_allowed %}
-- A rebuild matches to their lead only the events that can be quarantined: those with a
-- reason of their own, those whose type has no default signal, and the frozen events whose
-- pair int_event_pair_owners holds without an owner (with the events after its frozen days);
-- every event when it does not hold this run's frozen events (see unmatched_pairs_condition).
-- A fold reads a few days, mostly open ones: building the set of unmatched pairs costs more
-- than it saves there (0.8 s against 0.46 s at 20M events), so it looks up every event it reads.
{%- set unmatched_pairs = none %}
{%- if plan.mode == 'rebuild' %}
    {%- set unmatched_pairs = lead_scoring.unmatched_pairs_condition(plan, 'lead_id', 'email') %}
{%- endif %}
{%- set lookup_condition = none %}
{%- if unmatched_pairs is not none %}
    {%- set lookup_condition -%}
        {{ own_reason }}
        or not coalesce(event_type in (
            select default_rows.source_event_type
            from {{ lead_scoring.settings_table('event_signal_map') }} as default_rows
            where default_rows.match_field is null and default_rows.signal is not null
        ), false)
        or {{ unmatched_pairs }}
    {%- endset %}
{%- endif %}
{%- if execute and flags.WHICH in ['run', 'build'] %}
    {%- do log(this.identifier ~ ' lead lookup: ' ~ (
        'every event read (a fold)' if plan.mode != 'rebuild'
        else 'the events that can be quarantined' if unmatched_pairs is not none
        else "every event (int_event_pair_owners does not hold this run's frozen events)"), info=true) %}
{%- endif %}

with

-- A rebuild reads every event; a fold the days after the stored frozen_through and
-- the events without a time (the pre-hook removed both).
events as (
    select * from ({{ lead_scoring.mapped_events(
        "occurred_at is null or occurred_at >= cast('" ~ lead_scoring.next_day_value(plan.fold_after)
        ~ "' as " ~ dbt.type_timestamp() ~ ")" if plan.mode == 'fold' else 'true',
        path_after_filters=true,
        lookup_condition=lookup_condition
    ) }}) as mapped_events
    -- The first condition is implied by a quarantine reason but refers only to columns
    -- known before the URL and JSON look-ups, so most events are dropped before them (the
    -- URL's path is computed after it: path_after_filters).
    where
        (
            {{ own_reason }}
            or lead_id is null or default_signal is null
        )
        and quarantine_reason is not null
    {%- if plan.refold %}
        union all
        -- The frozen events that gained or lost their lead (their unmatched_lead rows were
        -- deleted): those still without one.
        select * from ({{ lead_scoring.mapped_events(
            "occurred_at < cast('" ~ lead_scoring.next_day_value(plan.fold_after) ~ "' as " ~ dbt.type_timestamp() ~ ")",
            lead_scoring.matched_or_unmatched_moves_condition(plan.fold_after),
            plan.moved_source
        ) }}) as moved_events
        where quarantine_reason = 'unmatched_lead'
    {%- endif %}
),

final as (
    select
        event_id,
        source_lead_id,
        {{ lead_scoring.email_for_output('email') }} as email,
        event_type,
        occurred_at,
        activity_date,
        url_path,
        campaign_id,
        quarantine_reason,
        cast('{{ plan.frozen_through }}' as date) as frozen_through,
        cast({{ plan.frozen_source_checksum }} as {{ dbt.type_bigint() }}) as frozen_source_checksum,
        cast('{{ plan.fingerprint }}' as {{ dbt.type_string() }}) as state_fingerprint
    from events
)

select * from final
