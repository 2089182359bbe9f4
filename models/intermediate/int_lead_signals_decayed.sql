{{ config(schema=lead_scoring.model_schema('intermediate'), tags=['lead_scoring_model_specific']) }}
-- Combines the frozen state (int_lead_signal_history) and the open days
-- (int_lead_signal_recent_days) into points per lead and signal on the scoring date:
--   exponential: stored exp_sum re-aged to the scoring date + each open day decayed;
--   none: every event counts fully;
--   linear, window: each day in the signal's window decayed by its age (the recent
--   model keeps those days even when frozen).
-- Units are 1 per event, or a valued mapping's capped property value (unit_sum).
-- Points per unit (the seed's weights) are applied here, so changing them never
-- needs a rebuild of the state.
{%- set as_of = lead_scoring.as_of_date(var('as_of')) %}
{%- set dbl = lead_scoring.type_double() %}

with

history as (
    select * from {{ ref('lead_scoring', 'int_lead_signal_history') }}
    where event_count > 0
),

recent_days as (
    select * from {{ ref('lead_scoring', 'int_lead_signal_recent_days') }}
),

signal_weights as (
    select * from {{ lead_scoring.scoring_settings('signal_weights') }}
),

history_units as (
    select
        history.lead_id,
        history.signal,
        history.event_count,
        history.unit_sum,
        history.last_occurred_at,
        case signal_weights.decay_mode
            when 'exponential'
                then history.exp_sum * {{ lead_scoring.halving_factor(
                    lead_scoring.days_between('history.frozen_through', as_of), 'signal_weights.half_life_days'
                ) }}
            when 'none' then history.unit_sum
            else cast(0 as {{ dbl }})
        end as decayed_units
    from history
    inner join signal_weights
        on history.signal = signal_weights.signal
),

recent_units as (
    select
        recent_days.lead_id,
        recent_days.signal,
        sum(case when recent_days.is_frozen_day then 0 else recent_days.event_count end) as event_count,
        sum(case when recent_days.is_frozen_day then 0 else recent_days.unit_sum end) as unit_sum,
        max(recent_days.last_occurred_at) as last_occurred_at,
        sum(
            case
                when recent_days.is_frozen_day and signal_weights.decay_mode not in ('linear', 'window') then 0
                else recent_days.unit_sum * {{ lead_scoring.decay_factor(
                    'signal_weights.decay_mode',
                    lead_scoring.days_between('recent_days.activity_date', as_of),
                    'signal_weights.half_life_days',
                    'signal_weights.window_days'
                ) }}
            end
        ) as decayed_units
    from recent_days
    inner join signal_weights
        on recent_days.signal = signal_weights.signal
    group by recent_days.lead_id, recent_days.signal
),

combined as (
    select
        coalesce(history_units.lead_id, recent_units.lead_id) as lead_id,
        coalesce(history_units.signal, recent_units.signal) as signal,
        coalesce(history_units.event_count, 0) + coalesce(recent_units.event_count, 0) as event_count,
        coalesce(history_units.unit_sum, 0) + coalesce(recent_units.unit_sum, 0) as unit_sum,
        case
            when history_units.last_occurred_at is null then recent_units.last_occurred_at
            when recent_units.last_occurred_at is null then history_units.last_occurred_at
            when recent_units.last_occurred_at > history_units.last_occurred_at then recent_units.last_occurred_at
            else history_units.last_occurred_at
        end as last_occurred_at,
        coalesce(history_units.decayed_units, 0) + coalesce(recent_units.decayed_units, 0) as decayed_units
    from history_units
    full outer join recent_units
        on
            history_units.lead_id = recent_units.lead_id
            and history_units.signal = recent_units.signal
),

final as (
    select
        combined.lead_id,
        combined.signal,
        signal_weights.signal_group,
        -- A bigint: DuckDB's sum of bigints is a 128-bit integer, slower to store and read.
        cast(combined.event_count as {{ dbt.type_bigint() }}) as event_count,
        combined.last_occurred_at,
        {{ lead_scoring.days_between('cast(combined.last_occurred_at as date)', as_of) }} as days_since_last,
        combined.unit_sum * cast(signal_weights.points as {{ dbl }}) as raw_points,
        combined.decayed_units * cast(signal_weights.points as {{ dbl }}) as decayed_points,
        least(
            combined.decayed_units * cast(signal_weights.points as {{ dbl }}),
            cast(signal_weights.max_points as {{ dbl }})
        ) as capped_points
    from combined
    inner join signal_weights
        on combined.signal = signal_weights.signal
    -- A pair whose only events are frozen days outside a linear or window signal's
    -- window still counts its events (for recency and inactivity) with 0 points.
    where combined.event_count > 0
)

select * from final
