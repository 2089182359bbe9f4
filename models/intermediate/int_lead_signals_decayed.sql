{%- set as_of = lead_scoring.as_of_date(var('as_of')) -%}

with

signal_days as (
    select * from {{ ref('int_lead_signal_days') }}
    -- Events dated after the scoring date never count (back-dated runs are exact).
    where activity_date <= {{ as_of }}
),

signal_weights as (
    select * from {{ ref('signal_weights') }}
),

aged as (
    select
        signal_days.lead_id,
        signal_days.signal,
        signal_days.event_count,
        signal_days.last_occurred_at,
        {{ lead_scoring.days_between('signal_days.activity_date', as_of) }}                         as age_days
    from signal_days
),

decayed as (
    select
        aged.lead_id,
        aged.signal,
        aged.age_days,
        aged.event_count,
        aged.last_occurred_at,
        cast(aged.event_count as {{ lead_scoring.type_double() }})
        * cast(signal_weights.points as {{ lead_scoring.type_double() }}) as raw_points,
        cast(aged.event_count as {{ lead_scoring.type_double() }})
        * cast(signal_weights.points as {{ lead_scoring.type_double() }})
        * {{ lead_scoring.decay_factor(
            'signal_weights.decay_mode', 'aged.age_days',
            'signal_weights.half_life_days', 'signal_weights.window_days'
        ) }} as decayed_points
    from aged
    inner join signal_weights
        on aged.signal = signal_weights.signal
),

per_signal as (
    select
        lead_id,
        signal,
        sum(event_count) as event_count,
        sum(case when age_days < 30 then event_count else 0 end) as event_count_30d,
        max(last_occurred_at) as last_occurred_at,
        min(age_days) as days_since_last,
        sum(raw_points) as raw_points,
        sum(decayed_points) as decayed_points
    from decayed
    group by lead_id, signal
),

final as (
    select
        per_signal.lead_id,
        per_signal.signal,
        signal_weights.signal_group,
        per_signal.event_count,
        per_signal.event_count_30d,
        per_signal.last_occurred_at,
        per_signal.days_since_last,
        per_signal.raw_points,
        per_signal.decayed_points,
        least(per_signal.decayed_points, signal_weights.max_points) as capped_points
    from per_signal
    inner join signal_weights
        on per_signal.signal = signal_weights.signal
)

select * from final
