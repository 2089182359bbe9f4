{#- The scoring date. Read in this order: var('as_of') (unit tests and hosts that set it), the
    environment variable LEAD_SCORING_AS_OF, then the date the run started (UTC).

    The environment variable is read only while executing (never while parsing), so dbt does not
    record it in the parse: a new scoring date reuses the partial parse, where a changed --vars
    makes dbt parse the whole project again (15-25 s). -#}

{% macro as_of_value(as_of) %}
    {#- The scoring date as a 'YYYY-MM-DD' string (not SQL). Fails at compile time
        unless the value is a real date written that way. -#}
    {%- set value = as_of -%}
    {%- if not value and execute -%}
        {%- set value = env_var('LEAD_SCORING_AS_OF', '') -%}
    {%- endif -%}
    {%- set value = value if value else run_started_at.strftime('%Y-%m-%d') -%}
    {%- set value = value | string | trim -%}
    {%- if not modules.re.match('^[0-9]{4}-[0-9]{2}-[0-9]{2}$', value) -%}
        {{ exceptions.raise_compiler_error(
            "the scoring date (var as_of or env LEAD_SCORING_AS_OF) must be a date written YYYY-MM-DD, got '"
            ~ value ~ "'"
        ) }}
    {%- endif -%}
    {%- do modules.datetime.datetime.strptime(value, '%Y-%m-%d') -%}
    {{ return(value) }}
{% endmacro %}


{% macro as_of_date(as_of) %}
    {#- The scoring date as a SQL date literal. Models pass var('as_of') in
        themselves so that unit tests can override it. -#}
    cast('{{ lead_scoring.as_of_value(as_of) }}' as date)
{%- endmacro %}
