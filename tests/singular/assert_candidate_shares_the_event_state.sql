-- In a shadow run, stops the build unless the candidate's signal_weights has the live seed's
-- signals with the same decay (decay_mode, half_life_days, window_days): the candidate is
-- scored from the live event state, which that decay shapes. Points, caps and flags may
-- differ. No rows in a live run.
{%- set shadow = lead_scoring.shadow_model() %}

with

candidate as (
    select signal, decay_mode, half_life_days, window_days from {{ lead_scoring.scoring_settings('signal_weights') }}
),

live as (
    select signal, decay_mode, half_life_days, window_days from {{ lead_scoring.settings_table('signal_weights') }}
),

problems as (
    select
        coalesce(candidate.signal, live.signal) as signal,
        case
            when candidate.signal is null then 'the live signal is missing'
            when live.signal is null then 'the live seed has no such signal'
            when candidate.decay_mode != live.decay_mode
                or coalesce(candidate.half_life_days, -1) != coalesce(live.half_life_days, -1)
                or coalesce(candidate.window_days, -1) != coalesce(live.window_days, -1)
                then 'its decay differs from the live seed (decay is shared: change points, caps and flags only)'
        end as problem
    from candidate
    full outer join live
        on candidate.signal = live.signal
    where {{ 'true' if shadow else 'false' }}
),

final as (
    select
        signal,
        {{ lead_scoring.raise_sql_error(
            "'seeds/candidates/signal_weights/" ~ (shadow or '') ~ "__signal_weights.csv, signal ' || signal || ': ' || problem"
        ) }} as problem
    from problems
    where problem is not null
)

select * from final
