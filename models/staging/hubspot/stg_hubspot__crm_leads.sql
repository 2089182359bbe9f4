{{ config(enabled=lead_scoring.crm_adapter_enabled('hubspot')) }}
-- HubSpot contacts in the shape of the raw contract's crm_leads.
with

contacts as (
    select * from {{ source('hubspot', 'contact') }}
),

final as (
    select
        cast(id as {{ dbt.type_string() }}) as lead_id,
        cast(property_associatedcompanyid as {{ dbt.type_string() }}) as account_id,
        property_email as email,
        property_firstname as first_name,
        property_lastname as last_name,
        property_jobtitle as job_title,
        property_country as country,
        property_hs_analytics_source as lead_source,
        property_hs_lead_status as status,
        property_hs_email_optout as is_email_opt_out,
        _fivetran_deleted as is_deleted,
        property_createdate as created_at,
        property_lastmodifieddate as updated_at
        {{- lead_scoring.custom_attribute_passthrough('crm_leads') | indent(4) }}
    from contacts
)

select * from final
