{% macro as_of_value(as_of) %}
    {#- The scoring date as a 'YYYY-MM-DD' string (not SQL). Fails at compile time
        unless the value is a real date written that way. -#}
    {%- set value = as_of if as_of else run_started_at.strftime('%Y-%m-%d') -%}
    {%- set value = value | string | trim -%}
    {%- if not modules.re.match('^[0-9]{4}-[0-9]{2}-[0-9]{2}$', value) -%}
        {{ exceptions.raise_compiler_error(
            "var('as_of') must be a date written YYYY-MM-DD, got '" ~ value ~ "'"
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
