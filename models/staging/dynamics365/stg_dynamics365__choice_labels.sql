{{ config(enabled=lead_scoring.crm_adapter_enabled('dynamics365')) }}
-- One row per table, choice column and value: its label in the language of var
-- lead_scoring_dynamics365_language_code (default 1033, English), from the metadata tables the
-- link exports. A table's own (local) choice wins over a global one of the same name;
-- statecode and statuscode come from StateMetadata and StatusMetadata. Never hard-coded codes:
-- an organisation's customised choices label themselves.
{%- set language = var('lead_scoring_dynamics365_language_code', 1033) | int %}
{%- set text = dbt.type_string() %}
{%- set bigint = dbt.type_bigint() %}

with

local_options as (
    select
        lower(cast(entityname as {{ text }})) as entity_name,
        lower(cast(optionsetname as {{ text }})) as column_name,
        cast({{ adapter.quote('option') }} as {{ bigint }}) as option_value,
        cast(localizedlabel as {{ text }}) as label,
        1 as precedence
    from {{ source('dynamics365', 'optionsetmetadata') }}
    where cast(localizedlabellanguagecode as {{ bigint }}) = {{ language }}
),

global_options as (
    select
        lower(cast(entityname as {{ text }})) as entity_name,
        lower(cast(optionsetname as {{ text }})) as column_name,
        cast({{ adapter.quote('option') }} as {{ bigint }}) as option_value,
        cast(localizedlabel as {{ text }}) as label,
        2 as precedence
    from {{ source('dynamics365', 'globaloptionsetmetadata') }}
    where cast(localizedlabellanguagecode as {{ bigint }}) = {{ language }}
),

states as (
    select
        lower(cast(entityname as {{ text }})) as entity_name,
        'statecode' as column_name,
        cast(state as {{ bigint }}) as option_value,
        cast(localizedlabel as {{ text }}) as label,
        1 as precedence
    from {{ source('dynamics365', 'statemetadata') }}
    where cast(localizedlabellanguagecode as {{ bigint }}) = {{ language }}
),

statuses as (
    select
        lower(cast(entityname as {{ text }})) as entity_name,
        'statuscode' as column_name,
        cast(status as {{ bigint }}) as option_value,
        cast(localizedlabel as {{ text }}) as label,
        1 as precedence
    from {{ source('dynamics365', 'statusmetadata') }}
    where cast(localizedlabellanguagecode as {{ bigint }}) = {{ language }}
),

all_labels as (
    select * from local_options
    union all
    select * from global_options
    union all
    select * from states
    union all
    select * from statuses
),

ranked as (
    select
        entity_name,
        column_name,
        option_value,
        label,
        row_number() over (
            partition by entity_name, column_name, option_value
            order by precedence, label
        ) as label_rank
    from all_labels
),

final as (
    select
        entity_name,
        column_name,
        option_value,
        label
    from ranked
    where label_rank = 1
)

select * from final
