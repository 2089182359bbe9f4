{% test has_rows(model, consequence) %}
    {#- Stops the build when a seed has no rows (a file left with only its header row), naming
        the file and what an empty one would do. One test per seed, so that it holds back every
        model downstream of that seed. A seed listed in var lead_scoring_allow_empty_seeds may
        be empty. The error sits in the filter, not in the select list: dbt's test wrapper only
        counts rows, and an engine may skip computing a column nobody reads. The message reads
        a column (the row count): PostgreSQL folds a failing cast of a constant when planning,
        even in a branch never taken. -#}
    {%- set file = 'seeds/' ~ model.identifier ~ '.csv' %}
    with

    row_counts as (
        select count(*) as row_count from {{ model }}
    )

    select row_count
    from row_counts
    -- CASE, not AND: PostgreSQL may evaluate either side of an AND first.
    where
        case
            when row_count = 0 {%- if model.identifier in var('lead_scoring_allow_empty_seeds', []) %} and 1 = 0 {%- endif %}
                then {{ lead_scoring.raise_sql_error(
                    lead_scoring.quoted_string(file ~ ' has no rows (only its header): ' ~ consequence
                        ~ '. Restore its rows (git checkout ' ~ file ~ '), or list the seed in var'
                        ~ ' lead_scoring_allow_empty_seeds if it is meant to be empty.')
                    ~ " || ' (rows: ' || cast(row_count as " ~ dbt.type_string() ~ ") || ')'"
                ) }} is null
            else false
        end
{% endtest %}
