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
