{%- set hooks = lead_scoring.event_state_hooks(owner_refold='lead') %}
{{ config(
    materialized=lead_scoring.event_state_materialization(),
    unique_key=['lead_id', 'signal'],
    incremental_strategy='delete+insert',
    on_schema_change='fail',
    pre_hook=hooks.pre_hook,
    post_hook=hooks.post_hook,
) }}
-- depends_on: {{ lead_scoring.settings_table('event_signal_map') }}
-- depends_on: {{ lead_scoring.settings_table('signal_weights') }}
-- depends_on: {{ lead_scoring.raw_input('activity_events') }}
-- depends_on: {{ ref('lead_scoring', 'int_event_pair_owners') }}
-- depends_on: {{ ref('lead_scoring', 'int_frozen_events_moved') }}
-- The frozen part of the event history, one compact row per lead and signal (see
-- macros/event_state.sql for when it folds and when it rebuilds). For exponential
-- signals it keeps exp_sum = sum over events of units x 2^((event date - frozen_through) / h)
-- (units: 1 per event, or the event's capped value for a valued mapping; unit_sum is their sum):
-- the score on any later day T is exp_sum x 2^(-(T - frozen_through) / h). Every
-- exponent is <= 0 because events are never later than frozen_through, so the sum
-- can only underflow towards 0 (negligible, ancient events), never overflow; each
-- fold re-anchors the touched rows on the new frozen_through. When the CRM moves frozen events
-- to another lead (int_event_pair_owners), the pre-hook deletes the rows of the leads concerned
-- and the fold reads all of their frozen events again (refold_events).
{%- set plan = lead_scoring.event_state_plan(var('as_of'), follows_owners=true) %}
{%- set frozen_through = "cast('" ~ plan.frozen_through ~ "' as date)" %}
{%- set dbl = lead_scoring.type_double() %}
{%- set in_range = lead_scoring.folded_days_condition(plan) %}

with

events as (
    select
        lead_id,
        signal,
        activity_date,
        occurred_at,
        event_units
    from ({{ lead_scoring.mapped_events(in_range) }}) as mapped_events
    where quarantine_reason is null
    {%- if plan.refold %}
        union all
        -- The frozen events of the leads whose pairs moved (their stored rows were deleted).
        {{ lead_scoring.refold_events(plan, ['lead_id', 'signal', 'activity_date', 'occurred_at', 'event_units']) }}
    {%- endif %}
),

-- Each signal numbered: events are grouped by lead and signal number, a key far smaller than
-- the signal's text (at 100M events the grouping spilled to disk by text), and the text is
-- joined back to the groups.
signal_weights as (
    select
        signal,
        decay_mode,
        half_life_days,
        row_number() over (order by signal) as signal_number
    from {{ lead_scoring.settings_table('signal_weights') }}
),

numbered_groups as (
    select
        events.lead_id,
        signal_weights.signal_number,
        count(*) as event_count,
        sum(events.event_units) as unit_sum,
        max(events.occurred_at) as last_occurred_at,
        sum(
            case
                when signal_weights.decay_mode = 'exponential' then events.event_units * {{ lead_scoring.halving_factor(
                    lead_scoring.days_between('events.activity_date', frozen_through), 'signal_weights.half_life_days'
                ) }}
            end
        ) as exp_sum
    from events
    inner join signal_weights
        on events.signal = signal_weights.signal
    group by events.lead_id, signal_weights.signal_number
),

new_events as (
    select
        numbered_groups.lead_id,
        signal_weights.signal,
        numbered_groups.event_count,
        numbered_groups.unit_sum,
        numbered_groups.last_occurred_at,
        numbered_groups.exp_sum
    from numbered_groups
    inner join signal_weights
        on numbered_groups.signal_number = signal_weights.signal_number
),

{% if plan.mode == 'fold' %}
    previous as (
        select this_state.*
        from {{ this }} as this_state
        inner join new_events
            on
                this_state.lead_id = new_events.lead_id
                and this_state.signal = new_events.signal
    ),

    combined as (
        select
            new_events.lead_id,
            new_events.signal,
            new_events.event_count + coalesce(previous.event_count, 0) as event_count,
            new_events.unit_sum + coalesce(previous.unit_sum, 0) as unit_sum,
            case
                when previous.last_occurred_at > new_events.last_occurred_at then previous.last_occurred_at
                else new_events.last_occurred_at
            end as last_occurred_at,
            -- Re-anchor the stored sum on the new frozen_through, then add the new days.
            coalesce(
                previous.exp_sum * {{ lead_scoring.halving_factor(
                    lead_scoring.days_between('previous.frozen_through', frozen_through), 'previous.half_life_days'
                ) }},
                0
            ) + new_events.exp_sum as exp_sum
        from new_events
        left join previous
            on
                new_events.lead_id = previous.lead_id
                and new_events.signal = previous.signal
    ),
{% else %}
    combined as (
        select * from new_events
    ),
{% endif %}

final as (
    select
        combined.lead_id,
        combined.signal,
        combined.event_count,
        cast(combined.unit_sum as {{ dbl }}) as unit_sum,
        combined.last_occurred_at,
        cast(combined.exp_sum as {{ dbl }}) as exp_sum,
        cast(signal_weights.half_life_days as {{ dbl }}) as half_life_days,
        {{ frozen_through }} as frozen_through,
        cast({{ plan.frozen_source_checksum }} as {{ dbt.type_bigint() }}) as frozen_source_checksum,
        cast('{{ plan.fingerprint }}' as {{ dbt.type_string() }}) as state_fingerprint
    from combined
    inner join signal_weights
        on combined.signal = signal_weights.signal
)

select * from final
