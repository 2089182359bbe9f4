{% macro decay_factor(decay_mode, age_days, half_life_days, window_days) %}
    {{ return(adapter.dispatch('decay_factor', 'lead_scoring')(decay_mode, age_days, half_life_days, window_days)) }}
{% endmacro %}

{#- Share of a signal's points left after age_days whole days (0 = scoring day).
    exponential: halves every half_life_days; linear: falls to zero at window_days;
    window: full points while age_days < window_days, then nothing; none: full points.
    All arithmetic is done in double precision: DECIMAL makes DuckDB's power() 20-40x slower. -#}
{% macro default__decay_factor(decay_mode, age_days, half_life_days, window_days) %}
    case {{ decay_mode }}
        when 'exponential' then power(
            cast(2 as {{ lead_scoring.type_double() }}),
            -cast({{ age_days }} as {{ lead_scoring.type_double() }})
            / cast({{ half_life_days }} as {{ lead_scoring.type_double() }})
        )
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
