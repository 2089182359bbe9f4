{#- How the incremental models are kept up to date on each engine (used in their config()). -#}

{% macro event_state_materialization() %}
    {{ return(adapter.dispatch('event_state_materialization', 'lead_scoring')()) }}
{% endmacro %}

{#- The event-state models fold new days in place: their pre-hook deletes rows. -#}
{% macro default__event_state_materialization() %}
    {{ return('incremental') }}
{% endmacro %}

{#- Spark tables without Delta Lake (or another table format with row-level deletes) cannot
    delete rows, so on Spark the event state is rebuilt on every run: correct by definition,
    and the cluster, not the fold, carries the scale. -#}
{% macro spark__event_state_materialization() %}
    {{ return('table') }}
{% endmacro %}


{% macro replace_days_strategy() %}
    {{ return(adapter.dispatch('replace_days_strategy', 'lead_scoring')()) }}
{% endmacro %}

{#- A model that stores one slice per scoring day replaces the slice of the day it scores. -#}
{% macro default__replace_days_strategy() %}
    {{ return('delete+insert') }}
{% endmacro %}

{#- Spark: the table is partitioned by day and the day's partition is overwritten. -#}
{% macro spark__replace_days_strategy() %}
    {{ return('insert_overwrite') }}
{% endmacro %}


{% macro drop_incremental_temp_tables() %}
    {{ return(adapter.dispatch('drop_incremental_temp_tables', 'lead_scoring')()) }}
{% endmacro %}

{#- Other engines: nothing to do (dbt drops what it creates, or the session does). -#}
{% macro default__drop_incremental_temp_tables() %}
{% endmacro %}

{#- dbt-duckdb's incremental materialization builds the new rows in a temporary table
    (<model>__dbt_tmp<timestamp>) and leaves it for the end of the session: in one `dbt run`
    every incremental model's new rows then stay in DuckDB's memory until the last model,
    and crowd the memory limit the later models need. A post-hook of every model (dbt_project.yml)
    drops the model's own once its rows are inserted; it renders nothing. -#}
{% macro duckdb__drop_incremental_temp_tables() %}
    {%- if execute and config.get('materialized') == 'incremental' -%}
        {%- set found = run_query(
            "select table_name from duckdb_tables() where temporary and starts_with(table_name, "
            ~ (lead_scoring.quoted_string(this.identifier ~ '__dbt_tmp') | trim) ~ ")"
        ) -%}
        {%- for row in found.rows -%}
            {%- do run_query('drop table if exists temp.main."' ~ row[0] ~ '"') -%}
        {%- endfor -%}
    {%- endif -%}
{% endmacro %}
