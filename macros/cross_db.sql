{#- Small cross-database helpers that dbt's own cross-database macros do not cover. -#}

{% macro type_double() %}
    {{ return(adapter.dispatch('type_double', 'lead_scoring')()) }}
{% endmacro %}

{% macro default__type_double() %}double precision{% endmacro %}

{#- Spark has no "double precision". -#}
{% macro spark__type_double() %}double{% endmacro %}


{% macro safe_cast(expression, data_type) %}
    {{ return(adapter.dispatch('safe_cast', 'lead_scoring')(expression, data_type)) }}
{% endmacro %}

{% macro default__safe_cast(expression, data_type) %}
    {{ dbt.safe_cast(expression, data_type) }}
{% endmacro %}

{#- dbt.safe_cast is a plain cast on DuckDB, which fails the whole query on one bad value. -#}
{% macro duckdb__safe_cast(expression, data_type) %}
    try_cast({{ expression }} as {{ data_type }})
{% endmacro %}


{% macro regex_matches(text_expression, pattern_expression) %}
    {{ return(adapter.dispatch('regex_matches', 'lead_scoring')(text_expression, pattern_expression)) }}
{% endmacro %}

{#- Case-insensitive partial match of a (possibly column-valued) regular expression. -#}
{% macro default__regex_matches(text_expression, pattern_expression) %}
    regexp_matches({{ text_expression }}, {{ pattern_expression }}, 'i')
{% endmacro %}

{% macro postgres__regex_matches(text_expression, pattern_expression) %}
    ({{ text_expression }} ~* {{ pattern_expression }})
{% endmacro %}

{% macro spark__regex_matches(text_expression, pattern_expression) %}
    ({{ text_expression }} rlike concat('(?i)', {{ pattern_expression }}))
{% endmacro %}


{% macro json_extract_text(json_expression, key_expression) %}
    {{ return(adapter.dispatch('json_extract_text', 'lead_scoring')(json_expression, key_expression)) }}
{% endmacro %}

{#- Top-level key of a JSON object stored as text; null when the text is not valid JSON. -#}
{% macro default__json_extract_text(json_expression, key_expression) %}
    json_extract_string(
        case when json_valid({{ json_expression }}) then {{ json_expression }} end,
        '$.' || {{ key_expression }}
    )
{% endmacro %}

{% macro postgres__json_extract_text(json_expression, key_expression) %}
    (
        case when {{ json_expression }} is json object
            then cast({{ json_expression }} as jsonb) ->> {{ key_expression }} end
    )
{% endmacro %}

{% macro spark__json_extract_text(json_expression, key_expression) %}
    get_json_object({{ json_expression }}, concat('$.', {{ key_expression }}))
{% endmacro %}


{% macro url_path(url_expression) %}
    {#- Lower-cased path of a URL or of a bare path: scheme, host, query and fragment removed.
        Both patterns are anchored, so "replace first" (DuckDB, PostgreSQL) and
        "replace all" (Spark) agree. -#}
    lower(
        regexp_replace(
            regexp_replace({{ url_expression }}, '^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*', ''),
            '[?#].*$', ''
        )
    )
{% endmacro %}


{% macro starts_with(text_expression, prefix_expression) %}
    {{ return(adapter.dispatch('starts_with', 'lead_scoring')(text_expression, prefix_expression)) }}
{% endmacro %}

{% macro default__starts_with(text_expression, prefix_expression) %}
    (substring({{ text_expression }}, 1, length({{ prefix_expression }})) = {{ prefix_expression }})
{% endmacro %}

{#- DuckDB's starts_with is several times faster than substring on the event hot path. -#}
{% macro duckdb__starts_with(text_expression, prefix_expression) %}
    starts_with({{ text_expression }}, {{ prefix_expression }})
{% endmacro %}


{% macro days_between(start_date, end_date) %}
    {{ return(adapter.dispatch('days_between', 'lead_scoring')(start_date, end_date)) }}
{% endmacro %}

{#- Whole days from start_date to end_date (both dates). -#}
{% macro default__days_between(start_date, end_date) %}
    {{ dbt.datediff(start_date, end_date, 'day') }}
{% endmacro %}

{#- DuckDB subtracts dates to an integer directly; dbt.datediff casts both to timestamps first. -#}
{% macro duckdb__days_between(start_date, end_date) %}
    ({{ end_date }} - {{ start_date }})
{% endmacro %}


{% macro string_literal(value) %}
    {{ return(adapter.dispatch('string_literal', 'lead_scoring')(value)) }}
{% endmacro %}

{#- A SQL string literal holding value exactly: the only way data from a seed may enter
    SQL text. Quotes are doubled, so the value can never end the literal. -#}
{% macro default__string_literal(value) -%}
    '{{ (value | string).replace("'", "''") }}'
{%- endmacro %}

{#- Spark string literals also treat backslash as an escape character. -#}
{% macro spark__string_literal(value) -%}
    '{{ (value | string).replace("\\", "\\\\").replace("'", "\\'") }}'
{%- endmacro %}


{% macro raise_sql_error(message_expression) %}
    {{ return(adapter.dispatch('raise_sql_error', 'lead_scoring')(message_expression)) }}
{% endmacro %}

{#- An expression that stops the query with the given message when it is evaluated:
    a test selecting it from its problem rows fails with the problem spelled out. -#}
{% macro default__raise_sql_error(message_expression) %}
    error({{ message_expression }})
{% endmacro %}

{#- PostgreSQL has no error(): a failing cast carries the text into the error message. -#}
{% macro postgres__raise_sql_error(message_expression) %}
    cast('seed validation: ' || {{ message_expression }} as integer)
{% endmacro %}

{% macro spark__raise_sql_error(message_expression) %}
    raise_error({{ message_expression }})
{% endmacro %}
