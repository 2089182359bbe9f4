{{ config(enabled=lead_scoring.crm_adapter_enabled('hubspot')) }}
-- Changes of the contact property hs_lead_status, in the shape of crm_lead_status_history.
with

history as (
    select * from {{ source('hubspot', 'contact_property_history') }}
    where name = 'hs_lead_status'
),

final as (
    select
        cast(contact_id as {{ dbt.type_string() }}) as lead_id,
        value as status,
        {{ adapter.quote('timestamp') }} as changed_at
    from history
)

select * from final
