{{ config(enabled=lead_scoring.crm_adapter_enabled('dynamics365')) }}
-- One row per table, choice column and value: its label in the language of var
-- lead_scoring_dynamics365_language_code (default 1033, English), from the metadata tables the
-- link exports. A table's own (local) choice wins over a global one of the same name;
-- statecode and statuscode come from StateMetadata and StatusMetadata. Never hard-coded codes:
-- an organisation's customised choices label themselves.

with

local_options as (
    {{ lead_scoring.dynamics365_metadata_labels('optionsetmetadata', 'optionsetname', 'option', 1) | indent(4) }}
),

global_options as (
    {{ lead_scoring.dynamics365_metadata_labels('globaloptionsetmetadata', 'optionsetname', 'option', 2) | indent(4) }}
),

states as (
    {{ lead_scoring.dynamics365_metadata_labels('statemetadata', "'statecode'", 'state', 1) | indent(4) }}
),

statuses as (
    {{ lead_scoring.dynamics365_metadata_labels('statusmetadata', "'statuscode'", 'status', 1) | indent(4) }}
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
