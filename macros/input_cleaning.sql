{#- Cleaning of raw inputs shared by staging and the event models. -#}

{% macro latest_event_time(now) %}
    {#- SQL timestamp literal: the latest event time accepted; later events are
        quarantined as occurred_in_future (clock errors, test data). now + var
        lead_scoring_future_tolerance_hours (default 24). -#}
    {%- set now_value = (now or run_started_at.strftime('%Y-%m-%d %H:%M:%S')) | string -%}
    {%- if not modules.re.match('^[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2}:[0-9]{2})?$', now_value) -%}
        {{ exceptions.raise_compiler_error("var('lead_scoring_now') must be 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS', got '" ~ now_value ~ "'") }}
    {%- endif -%}
    {%- if now_value | length == 10 -%}{%- set now_value = now_value ~ ' 00:00:00' -%}{%- endif -%}
    {%- set latest = modules.datetime.datetime.strptime(now_value, '%Y-%m-%d %H:%M:%S')
        + modules.datetime.timedelta(hours=var('lead_scoring_future_tolerance_hours', 24) | int) -%}
    cast('{{ latest.strftime('%Y-%m-%d %H:%M:%S') }}' as {{ dbt.type_timestamp() }})
{%- endmacro %}


{% macro known_country_code(country_expression) %}
    {#- Upper-cased ISO 3166 alpha-2 code, or null (unknown) when the value is not two
        letters or is a user-assigned code (AA, QM-QZ, XA-XZ, ZZ) that CRMs use for
        "unknown" or test data. -#}
    case
        when upper(trim(cast({{ country_expression }} as {{ dbt.type_string() }}))) in ('AA', 'ZZ') then null
        when {{ dbt.length('trim(cast(' ~ country_expression ~ ' as ' ~ dbt.type_string() ~ '))') }} != 2 then null
        when upper(substring(trim(cast({{ country_expression }} as {{ dbt.type_string() }})), 1, 1)) = 'X' then null
        when upper(trim(cast({{ country_expression }} as {{ dbt.type_string() }}))) between 'QM' and 'QZ' then null
        when not {{ lead_scoring.regex_matches(
            'trim(cast(' ~ country_expression ~ ' as ' ~ dbt.type_string() ~ '))', "'^[A-Za-z]{2}$'"
        ) }} then null
        else upper(trim(cast({{ country_expression }} as {{ dbt.type_string() }})))
    end
{% endmacro %}


{% macro url_host(expression) %}
    {#- The host of a web site as entered (https://www.Acme.io/about -> acme.io): lower case,
        scheme, www., path, query and port removed. Each pattern is anchored, so replace-first
        (DuckDB, PostgreSQL) and replace-all (Spark) agree. expression: SQL of the URL. -#}
    regexp_replace(
        regexp_replace(
            regexp_replace(lower(trim(cast({{ expression }} as {{ dbt.type_string() }}))), '^[a-z][a-z0-9+.-]*://', ''),
            '^www[.]', ''
        ),
        '[:/?#].*$', ''
    )
{% endmacro %}
