{#- The Dynamics 365 (Dataverse) adapter's helpers: current row versions and choice labels.
    See models/staging/dynamics365/ and docs/bring-your-own-data.md. -#}

{% macro dynamics365_current_rows(table_name, key_column) %}
    {#- The current version of each row of a Dataverse table as the link exports it, as a
        subquery with the table's columns plus is_row_deleted. In append-only mode every change
        appends a row, so the current one has the highest versionnumber (then SinkModifiedOn)
        of its key; in in-place mode each key has one row already. is_row_deleted is IsDelete
        of that version: a deletion is the last version of a row.
        table_name: the source table (lead, account, ...); key_column: its primary key
        (leadid, accountid, ...). -#}
    (
        select versions.*
        from (
            select
                source_rows.*,
                coalesce(cast(source_rows.isdelete as {{ dbt.type_boolean() }}), false) as is_row_deleted,
                row_number() over (
                    partition by source_rows.{{ key_column }}
                    order by source_rows.versionnumber desc, source_rows.sinkmodifiedon desc
                ) as version_rank
            from {{ source('dynamics365', table_name) }} as source_rows
        ) as versions
        where versions.version_rank = 1
    )
{% endmacro %}


{% macro dynamics365_label_join(alias, entity, column, value) %}
    {#- A left join of stg_dynamics365__choice_labels as alias onto the label of one choice
        value (a join, not a subquery per row: PostgreSQL would run that once per lead).
        alias: the name the label row gets; entity: table logical name; column: choice column
        logical name (statecode and statuscode read StateMetadata and StatusMetadata); value:
        the SQL expression of the integer. Read the label with dynamics365_label(alias, value). -#}
    left join {{ ref('lead_scoring', 'stg_dynamics365__choice_labels') }} as {{ alias }}
        on
            {{ alias }}.entity_name = '{{ entity }}'
            and {{ alias }}.column_name = '{{ column }}'
            and {{ alias }}.option_value = cast({{ value }} as {{ dbt.type_bigint() }})
{%- endmacro %}


{% macro dynamics365_label(alias, value) %}
    {#- The label joined by dynamics365_label_join(alias, ...), in the language of var
        lead_scoring_dynamics365_language_code; the value itself as text when the metadata
        has no label for it, so that nothing is lost and the missing label shows.
        alias: as given to the join; value: the same integer expression. -#}
    coalesce({{ alias }}.label, cast({{ value }} as {{ dbt.type_string() }}))
{%- endmacro %}


{% macro dynamics365_label_in(label_expression, var_name, default) %}
    {#- True when a choice label is one of the labels listed in a var (compared without case),
        false otherwise (null too). The vars name labels, not codes, because state and status
        codes are the organisation's data; a non-English organisation lists its own labels.
        label_expression: SQL of the label; var_name: the var; default: its default list. -#}
    {%- set labels = var(var_name, default) -%}
    {%- if labels is string -%}{%- set labels = [labels] -%}{%- endif -%}
    {%- set literals = [] -%}
    {%- for label in labels -%}
        {%- do literals.append(lead_scoring.quoted_string(label | lower) | trim) -%}
    {%- endfor -%}
    coalesce(lower({{ label_expression }}) in ({{ literals | join(', ') }}), false)
{% endmacro %}


{% macro dynamics365_activity_rows(table_name, time_columns, event_type, received_event_type=none) %}
    {#- The current rows of a Dataverse activity table (email, phonecall, appointment) as
        candidate events: event_id, regardingobjectid, regardingobjectid_entitytype,
        event_type, occurred_at, is_canceled (state label in var
        lead_scoring_dynamics365_canceled_states) and is_row_deleted. A complete select.
        table_name: the activity table; time_columns: the columns whose first non-null value
        is the event time; event_type: the event type, or the outgoing one when
        received_event_type is given (then directioncode false, received by the
        organisation, gives received_event_type). -#}
    {%- set text = dbt.type_string() %}
    select
        {{ dbt.concat(["'dynamics365_" ~ table_name ~ "_'", 'cast(activities.activityid as ' ~ text ~ ')']) }}
            as event_id,
        activities.regardingobjectid,
        activities.regardingobjectid_entitytype,
        {%- if received_event_type %}
        case
            when coalesce(cast(activities.directioncode as {{ dbt.type_boolean() }}), true) then '{{ event_type }}'
            else '{{ received_event_type }}'
        end as event_type,
        {%- else %}
        '{{ event_type }}' as event_type,
        {%- endif %}
        cast(coalesce(activities.{{ time_columns | join(', activities.') }}) as {{ dbt.type_timestamp() }})
            as occurred_at,
        {{ lead_scoring.dynamics365_label_in(
            lead_scoring.dynamics365_label('state_label', 'activities.statecode'),
            'lead_scoring_dynamics365_canceled_states', ['Canceled']) }} as is_canceled,
        activities.is_row_deleted
    from {{ lead_scoring.dynamics365_current_rows(table_name, 'activityid') }} as activities
    {{ lead_scoring.dynamics365_label_join('state_label', table_name, 'statecode', 'activities.statecode') }}
{% endmacro %}


{% macro dynamics365_metadata_labels(table_name, column_sql, value_column, precedence) %}
    {#- The labels of one choice metadata table in the language of var
        lead_scoring_dynamics365_language_code, as (entity_name, column_name, option_value,
        label, precedence): the rows stg_dynamics365__choice_labels ranks. A complete select.
        table_name: the dynamics365 source table (optionsetmetadata, globaloptionsetmetadata,
        statemetadata, statusmetadata); column_sql: SQL of the choice column's name (the
        column optionsetname, or a literal such as 'statecode'); value_column: the column of
        the integer (option, state, status); precedence: 1 wins over 2 for the same value. -#}
    {%- set text = dbt.type_string() %}
    {%- set bigint = dbt.type_bigint() %}
    select
        lower(cast(entityname as {{ text }})) as entity_name,
        lower(cast({{ column_sql }} as {{ text }})) as column_name,
        cast({{ adapter.quote(value_column) }} as {{ bigint }}) as option_value,
        cast(localizedlabel as {{ text }}) as label,
        {{ precedence }} as precedence
    from {{ source('dynamics365', table_name) }}
    where cast(localizedlabellanguagecode as {{ bigint }}) = {{ var('lead_scoring_dynamics365_language_code', 1033) | int }}
{% endmacro %}
