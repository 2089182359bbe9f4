{#- Small cross-database helpers that dbt's own cross-database macros do not cover. -#}

{% macro type_double() %}
    {{ return(adapter.dispatch('type_double', 'lead_scoring')()) }}
{% endmacro %}

{% macro default__type_double() %}double precision{% endmacro %}

{#- Spark has no "double precision". -#}
{% macro spark__type_double() %}double{% endmacro %}


{% macro try_cast(expression, data_type) %}
    {{ return(adapter.dispatch('try_cast', 'lead_scoring')(expression, data_type)) }}
{% endmacro %}

{#- DuckDB and Spark (3.2 and later, where ANSI mode makes a plain cast fail) have try_cast. -#}
{% macro default__try_cast(expression, data_type) %}
    try_cast({{ expression }} as {{ data_type }})
{% endmacro %}

{#- PostgreSQL has no try_cast: a number is cast only when its text looks like one (through
    numeric, so 12.5 becomes the integer 13 as on DuckDB); other types are cast as they are. -#}
{% macro postgres__try_cast(expression, data_type) %}
    {%- set numeric_types = ['bigint', 'integer', 'int', 'smallint', 'double precision', 'double',
                             'real', 'float', 'numeric', 'decimal'] -%}
    {%- if data_type | lower | trim in numeric_types -%}
    (case
        when trim(cast({{ expression }} as text)) ~ '^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?$'
            then cast(cast(trim(cast({{ expression }} as text)) as numeric) as {{ data_type }})
    end)
    {%- else -%}
    cast({{ expression }} as {{ data_type }})
    {%- endif -%}
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

{#- PostgreSQL 15 has no IS JSON (16 has): a helper function (create_helper_functions, run
    on-run-start) parses the text and yields null where it is not valid JSON. -#}
{% macro postgres__json_extract_text(json_expression, key_expression) %}
    ({{ target.schema }}.lead_scoring_try_jsonb({{ json_expression }}) ->> {{ key_expression }})
{% endmacro %}

{% macro spark__json_extract_text(json_expression, key_expression) %}
    get_json_object({{ json_expression }}, concat('$.', {{ key_expression }}))
{% endmacro %}


{% macro url_path(url_expression) %}
    {{ return(adapter.dispatch('url_path', 'lead_scoring')(url_expression)) }}
{% endmacro %}

{#- Lower-cased path of a URL or of a bare path: scheme, host, query and fragment removed.
    Both patterns are anchored, so "replace first" (DuckDB, PostgreSQL) and
    "replace all" (Spark) agree. -#}
{% macro default__url_path(url_expression) %}
    lower(
        regexp_replace(
            regexp_replace({{ url_expression }}, '^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*', ''),
            '[?#].*$', ''
        )
    )
{% endmacro %}

{#- The same path in one pattern: what precedes the first ? or #, after an optional scheme and
    host. DuckDB runs it in a fraction of the two replacements' time (55M URLs: 0.6 s against
    11.7 s). The two differ only on a text holding a line break, where the default's ".*$"
    stops at the break: such a text takes the default. -#}
{% macro duckdb__url_path(url_expression) %}
    case
        when contains({{ url_expression }}, chr(10)) then {{ lead_scoring.default__url_path(url_expression) }}
        else lower(regexp_extract({{ url_expression }}, '^(?:[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*)?([^?#]*)', 1))
    end
{% endmacro %}


{% macro url_path_root(path_expression) %}
    {{ return(adapter.dispatch('url_path_root', 'lead_scoring')(path_expression)) }}
{% endmacro %}

{#- A path up to the first / or . after its first character (/pricing of /pricing/enterprise and
    of /pricing.html): a path below a value at a segment boundary has the value's root, so the
    root is an equality key for mapping_matches (macro mapping_key). Null for null; an empty
    path has no root ('' on DuckDB and Spark, null on PostgreSQL), and no rule has an empty value.
    (?s): a line break counts as any other character, as it does in mapping_matches. -#}
{% macro default__url_path_root(path_expression) %}
    substring({{ path_expression }} from '^.[^/.]*')
{% endmacro %}

{% macro duckdb__url_path_root(path_expression) %}
    regexp_extract({{ path_expression }}, '(?s)^.[^/.]*')
{% endmacro %}

{% macro spark__url_path_root(path_expression) %}
    regexp_extract({{ path_expression }}, '(?s)^.[^/.]*', 0)
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


{% macro trimmed_or_null(text_expression) %}
    {{ return(adapter.dispatch('trimmed_or_null', 'lead_scoring')(text_expression)) }}
{% endmacro %}

{#- A text without its leading and trailing spaces, null when nothing is left: nullif(trim(x), ''). -#}
{% macro default__trimmed_or_null(text_expression) %}
    nullif(trim({{ text_expression }}), '')
{% endmacro %}

{#- The same value, with a fast path for a text that is all ASCII and starts and ends with a
    visible character, which trim leaves as it is (DuckDB's trim removes the space and the 16
    other Unicode space separators, every one outside ASCII): trimming every event_id costs
    more than reading it (at 95M events about 6.0 s against 4.3 s this way, 2.3 s untouched). -#}
{% macro duckdb__trimmed_or_null(text_expression) %}
    case
        when
            ascii({{ text_expression }}) between 33 and 126
            and not ends_with({{ text_expression }}, ' ')
            and strlen({{ text_expression }}) = length({{ text_expression }})
            then {{ text_expression }}
        else nullif(trim({{ text_expression }}), '')
    end
{% endmacro %}

{% macro key_hash(expressions) %}
    {{ return(adapter.dispatch('key_hash', 'lead_scoring')(expressions)) }}
{% endmacro %}

{#- One value standing for a composite key, to group and join on instead of the key's
    columns (a hash table of 64-bit integers rather than of strings). Different keys may
    share a value, so it only narrows a search: callers compare the real columns after it.
    The default is the columns' texts joined by '|' (a string, not faster, but correct
    anywhere); PostgreSQL, DuckDB and Spark hash to a 64-bit integer. -#}
{% macro default__key_hash(expressions) %}
    {%- set parts = [] %}
    {%- for expression in expressions %}
        {%- if not loop.first %}{% do parts.append("'|'") %}{% endif %}
        {%- do parts.append("coalesce(cast(" ~ expression ~ " as " ~ dbt.type_string() ~ "), '')") %}
    {%- endfor -%}
    {{ dbt.concat(parts) }}
{% endmacro %}

{#- PostgreSQL 11 and later hash a text to a bigint. -#}
{% macro postgres__key_hash(expressions) %}
    hashtextextended({{ lead_scoring.default__key_hash(expressions) }}, 0)
{% endmacro %}

{% macro duckdb__key_hash(expressions) %}
    hash({{ expressions | join(', ') }})
{% endmacro %}

{% macro spark__key_hash(expressions) %}
    xxhash64({{ expressions | join(', ') }})
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


{% macro quoted_string(value) %}
    {{ return(adapter.dispatch('quoted_string', 'lead_scoring')(value)) }}
{% endmacro %}

{#- A SQL string literal holding value exactly: the only way data from a seed may enter
    SQL text. Quotes are doubled, so the value can never end the literal. -#}
{% macro default__quoted_string(value) -%}
    '{{ (value | string).replace("'", "''") }}'
{%- endmacro %}

{#- Spark string literals also treat backslash as an escape character. -#}
{% macro spark__quoted_string(value) -%}
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


{% macro create_helper_functions() %}
    {{ return(adapter.dispatch('create_helper_functions', 'lead_scoring')()) }}
{% endmacro %}

{#- SQL the project runs at the start of every invocation (on-run-start) to create the functions
    an engine lacks; nothing on DuckDB and Spark. -#}
{% macro default__create_helper_functions() %}
    select 1 as no_helper_functions_needed
{% endmacro %}

{% macro postgres__create_helper_functions() %}
    create schema if not exists {{ target.schema }};
    create or replace function {{ target.schema }}.lead_scoring_try_jsonb(value text) returns jsonb
    language plpgsql immutable parallel safe as $$
    begin
        return value::jsonb;
    exception when others then
        return null;
    end;
    $$;
    create or replace function {{ target.schema }}.lead_scoring_is_valid_regex(pattern text) returns boolean
    language plpgsql immutable parallel safe as $$
    begin
        perform '' ~ pattern;
        return true;
    exception when others then
        return false;
    end;
    $$;
{% endmacro %}


{% macro is_valid_regex(pattern_expression) %}
    {{ return(adapter.dispatch('is_valid_regex', 'lead_scoring')(pattern_expression)) }}
{% endmacro %}

{#- True when the text compiles as a regular expression of the engine (null stays null), so the
    seed checks can name a bad pattern before any model uses it. DuckDB: try() turns the
    compile error into null. -#}
{% macro default__is_valid_regex(pattern_expression) %}
    (try(regexp_matches('', {{ pattern_expression }})) is not null or {{ pattern_expression }} is null)
{% endmacro %}

{#- PostgreSQL: a helper function catches the error (create_helper_functions). -#}
{% macro postgres__is_valid_regex(pattern_expression) %}
    ({{ target.schema }}.lead_scoring_is_valid_regex({{ pattern_expression }}) or {{ pattern_expression }} is null)
{% endmacro %}

{#- Spark SQL cannot catch a pattern's compile error: a bad pattern fails the model that uses it. -#}
{% macro spark__is_valid_regex(pattern_expression) %}
    true
{% endmacro %}


{% macro ordered_listagg(expression, delimiter_literal, order_expression) %}
    {{ return(adapter.dispatch('ordered_listagg', 'lead_scoring')(expression, delimiter_literal, order_expression)) }}
{% endmacro %}

{#- Aggregate text joined by a delimiter, in a given order: listagg ... order by. -#}
{% macro default__ordered_listagg(expression, delimiter_literal, order_expression) %}
    {{ dbt.listagg(expression, delimiter_literal, 'order by ' ~ order_expression) }}
{% endmacro %}

{#- DuckDB: the group's values collected as a list and sorted there, which is about twice as
    fast as string_agg ... order by (an ordered aggregate sorts every group through the sort
    operator; at 1M groups 0.55-0.75 s against 1.2-1.3 s). The same text: nulls are left out
    (filter), a group of nulls gives null; ties of the sort key are broken by the text. -#}
{% macro duckdb__ordered_listagg(expression, delimiter_literal, order_expression) %}
    {%- if expression == order_expression %}
        array_to_string(
            list_sort(list({{ expression }}) filter (where {{ expression }} is not null)),
            {{ delimiter_literal }}
        )
    {%- else %}
        array_to_string(
            list_transform(
                list_sort(
                    list(struct_pack(sort_key := {{ order_expression }}, sort_value := {{ expression }}))
                        filter (where {{ expression }} is not null)
                ),
                lambda pair: struct_extract(pair, 'sort_value')
            ),
            {{ delimiter_literal }}
        )
    {%- endif %}
{% endmacro %}

{#- Spark's listagg (dbt.listagg) cannot order: collect (key, value) pairs, sort them, join the values. -#}
{% macro spark__ordered_listagg(expression, delimiter_literal, order_expression) %}
    array_join(
        transform(
            array_sort(collect_list(struct({{ order_expression }} as sort_key, {{ expression }} as sort_value))),
            pair -> pair.sort_value
        ),
        {{ delimiter_literal }}
    )
{% endmacro %}
