-- Stops the build with the first broken row of seeds/signal_weights.csv, naming the
-- signal and the problem; no rows when every row is valid.

with

weights as (
    select * from {{ lead_scoring.scoring_settings('signal_weights') }}
),

known_groups as (
    {{ lead_scoring.known_rule_groups() | indent(4) }}
),

signal_counts as (
    select signal, count(*) as occurrences
    from weights
    group by signal
),

problems as (
    select
        weights.signal,
        case
            when weights.signal is null then 'signal is empty'
            when signal_counts.occurrences > 1 then 'duplicate signal'
            when weights.decay_mode not in ('exponential', 'linear', 'window', 'none') or weights.decay_mode is null
                then 'unknown decay_mode ' || coalesce(weights.decay_mode, '(empty)')
                    || ' (use exponential, linear, window or none)'
            when weights.decay_mode = 'exponential' and not coalesce(weights.half_life_days > 0, false)
                then 'exponential decay needs half_life_days > 0'
            when weights.decay_mode in ('linear', 'window') and not coalesce(weights.window_days > 0, false)
                then weights.decay_mode || ' decay needs window_days > 0'
            when not coalesce(weights.points >= 0, false) then 'points must be a number >= 0'
            when not coalesce(weights.max_points >= 0, false) then 'max_points must be a number >= 0'
            when known_groups.rule_group is null
                then 'signal_group not in var lead_scoring_intent_groups: ' || coalesce(weights.signal_group, '(empty)')
            when weights.is_engagement is null or weights.is_hand_raiser is null or weights.is_strong_intent is null
                then 'is_engagement, is_hand_raiser and is_strong_intent must be true or false'
        end as problem
    from weights
    left join signal_counts
        on weights.signal = signal_counts.signal
    left join known_groups
        on
            known_groups.component = 'intent'
            and weights.signal_group = known_groups.rule_group
),

final as (
    select
        signal,
        {{ lead_scoring.raise_sql_error(
            "'seeds/signal_weights.csv, signal ' || coalesce(signal, '(empty)') || ': ' || problem"
        ) }} as problem
    from problems
    where problem is not null
)

select * from final
