{{ config(materialized='table') }}
-- Tells a source that stopped arriving from leads that went quiet: if a whole signal
-- goes silent, decay would quietly cool every lead, so the test on is_stale fails
-- (or warns, var lead_scoring_freshness_severity) before anyone trusts the scores.
{%- set as_of = lead_scoring.as_of_date(var('as_of')) %}

with

signal_weights as (
    select signal, signal_group from {{ lead_scoring.settings_table('signal_weights') }}
),

signals as (
    select
        signal,
        max(last_occurred_at) as last_event_at,
        sum(event_count) as event_count
    from {{ ref('lead_scoring', 'int_lead_signals_decayed') }}
    group by signal
),

final as (
    select
        signal_weights.signal,
        signal_weights.signal_group,
        coalesce(signals.event_count, 0) as event_count,
        signals.last_event_at,
        {{ lead_scoring.days_between('cast(signals.last_event_at as date)', as_of) }} as days_since_last_event,
        -- Stale: the signal did arrive once, but not for longer than the allowed silence.
        coalesce(
            {{ lead_scoring.days_between('cast(signals.last_event_at as date)', as_of) }}
            > {{ var('lead_scoring_signal_max_silence_days', 3) | int }},
            false
        ) as is_stale
    from signal_weights
    left join signals
        on signal_weights.signal = signals.signal
)

select * from final
