{{ config(enabled=lead_scoring.crm_adapter_enabled('salesforce')) }}
-- Changes of the lead field Status (field history tracking), in the shape of crm_lead_status_history.
with

history as (
    select * from {{ source('salesforce', 'lead_history') }}
    where field = 'Status'
),

final as (
    select
        cast(lead_id as {{ dbt.type_string() }}) as lead_id,
        new_value as status,
        created_date as changed_at
    from history
)

select * from final
