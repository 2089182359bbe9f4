{%- set prune = "lead_scoring.windowed_days_prune_pre_hook(var('as_of'))" %}
{%- set hooks = lead_scoring.event_state_hooks(day_column='activity_date', prune_hook=prune, owner_refold='lead') %}
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
-- The open part of the event history: one row per lead, signal and day for the days
-- after frozen_through up to the scoring date, plus the frozen days that linear and
-- window signals still need (their points depend on each day's age, not on a running
-- sum). Incremental with the same plan as int_lead_signal_history (macros/event_state.sql):
-- a fold re-derives only the days after the stored frozen_through (late events for open
-- days are picked up there), keeps the frozen window days already stored, and the
-- pre-hooks drop what a fold re-derives and the frozen days whose window has passed.
-- A rebuild reads every day the scoring date needs. When the CRM moves frozen events to
-- another lead (int_event_pair_owners), the pre-hook deletes the rows of the leads concerned
-- and the fold reads their frozen window days again (moved_events).
{%- set plan = lead_scoring.event_state_plan(var('as_of'), follows_owners=true) %}
{%- set as_of = lead_scoring.as_of_date(var('as_of')) %}
{%- set frozen_through = plan.frozen_through %}
{%- set scope = lead_scoring.windowed_signal_scope() %}
{%- set as_of_day = modules.datetime.datetime.strptime(lead_scoring.as_of_value(var('as_of')), '%Y-%m-%d') %}
{%- set window_start = (as_of_day - modules.datetime.timedelta(days=scope.max_window_days)).strftime('%Y-%m-%d') %}
{%- set open_start = lead_scoring.next_day_value(frozen_through) %}
{%- set scan_from = [window_start, open_start] | min %}
{%- if plan.mode == 'fold' %}
    {%- set scan_from = [scan_from, lead_scoring.next_day_value(plan.fold_after)] | max %}
{%- endif %}
{%- set scan_until = lead_scoring.next_day_value(lead_scoring.as_of_value(var('as_of'))) %}

{#- Frozen days matter only for the event types of linear and window signals. -#}
{%- set windowed_literals = [] %}
{%- for event_type in scope.event_types %}
    {%- do windowed_literals.append(lead_scoring.quoted_string(event_type) | trim) %}
{%- endfor %}
{%- set open_days = "occurred_at >= cast('" ~ open_start ~ "' as " ~ dbt.type_timestamp() ~ ")" %}
{%- set wanted_copies = open_days
    ~ (" or event_type in (" ~ windowed_literals | join(", ") ~ ")" if windowed_literals else "") %}

with

events as (
    select
        lead_id,
        signal,
        activity_date,
        occurred_at,
        event_units
    from ({{ lead_scoring.mapped_events(
        "occurred_at >= cast('" ~ scan_from ~ "' as " ~ dbt.type_timestamp() ~ ")"
        ~ " and occurred_at < cast('" ~ scan_until ~ "' as " ~ dbt.type_timestamp() ~ ")",
        wanted_copies,
        wanted_days_condition=open_days,
        wanted_reapplied=true
    ) }}) as mapped_events
    -- Again after deduplication: the events read for a wanted copy bring their other copies.
    where
        quarantine_reason is null
        and ({{ wanted_copies }})
    {%- if plan.refold and windowed_literals %}
        union all
        -- The frozen window days of the leads whose pairs moved (their rows were deleted).
        {{ lead_scoring.refold_events(
            plan, ['lead_id', 'signal', 'activity_date', 'occurred_at', 'event_units'], from_day=window_start,
            extra_condition="event_type in (" ~ windowed_literals | join(", ") ~ ")"
        ) }}
    {%- endif %}
),

signal_weights as (
    select signal, decay_mode, window_days from {{ lead_scoring.settings_table('signal_weights') }}
),

-- Only the days the model keeps: the open days, and a linear or window signal's frozen
-- days inside its window (filtered before the grouping, which then groups those alone).
per_day as (
    select
        events.lead_id,
        events.signal,
        events.activity_date,
        count(*) as event_count,
        sum(events.event_units) as unit_sum,
        max(events.occurred_at) as last_occurred_at
    from events
    inner join signal_weights
        on events.signal = signal_weights.signal
    where
        events.activity_date > cast('{{ frozen_through }}' as date)
        or (
            signal_weights.decay_mode in ('linear', 'window')
            and {{ lead_scoring.days_between('events.activity_date', as_of) }} < signal_weights.window_days
        )
    group by events.lead_id, events.signal, events.activity_date
),

final as (
    select
        lead_id,
        signal,
        activity_date,
        cast(event_count as {{ dbt.type_bigint() }}) as event_count,
        cast(unit_sum as {{ lead_scoring.type_double() }}) as unit_sum,
        last_occurred_at,
        activity_date <= cast('{{ frozen_through }}' as date) as is_frozen_day,
        cast('{{ frozen_through }}' as date) as frozen_through,
        cast({{ plan.frozen_source_checksum }} as {{ dbt.type_bigint() }}) as frozen_source_checksum,
        cast('{{ plan.fingerprint }}' as {{ dbt.type_string() }}) as state_fingerprint
    from per_day
)

select * from final
