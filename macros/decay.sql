{% macro decay_factor(decay_mode, age_days, half_life_days, window_days) %}
    {{ return(adapter.dispatch('decay_factor', 'lead_scoring')(decay_mode, age_days, half_life_days, window_days)) }}
{% endmacro %}

{#- Share of a signal's points left after age_days whole days (0 = scoring day).
    exponential: halves every half_life_days; linear: falls to zero at window_days;
    window: full points while age_days < window_days, then nothing; none: full points.
    All arithmetic is done in double precision: DECIMAL makes DuckDB's power() 20-40x slower. -#}
{% macro default__decay_factor(decay_mode, age_days, half_life_days, window_days) %}
    case {{ decay_mode }}
        when 'exponential' then {{ lead_scoring.halving_factor(age_days, half_life_days) }}
        when 'linear' then greatest(
            cast(0 as {{ lead_scoring.type_double() }}),
            1 - cast({{ age_days }} as {{ lead_scoring.type_double() }})
            / cast({{ window_days }} as {{ lead_scoring.type_double() }})
        )
        when 'window' then case
            when {{ age_days }} < {{ window_days }} then cast(1 as {{ lead_scoring.type_double() }})
            else cast(0 as {{ lead_scoring.type_double() }})
        end
        when 'none' then cast(1 as {{ lead_scoring.type_double() }})
    end
{% endmacro %}


{% macro halving_factor(age_days, half_life_days) %}
    {#- 2^(-age_days / half_life_days): the exponential decay, the one place its formula is
        written. decay_factor uses it for exponential signals; the event state uses it with a
        negative age to anchor sums on its frozen day (int_lead_signal_history) and to age
        them to the scoring date (int_lead_signals_decayed). Double precision throughout. -#}
    power(
        cast(2 as {{ lead_scoring.type_double() }}),
        -cast({{ age_days }} as {{ lead_scoring.type_double() }})
        / cast({{ half_life_days }} as {{ lead_scoring.type_double() }})
    )
{%- endmacro %}
