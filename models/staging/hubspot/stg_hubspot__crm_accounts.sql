{{ config(enabled=lead_scoring.crm_adapter_enabled('hubspot')) }}
-- HubSpot companies in the shape of the raw contract's crm_accounts.
with

companies as (
    select * from {{ source('hubspot', 'company') }}
    -- Deleted companies are gone from the CRM; their contacts keep an unknown account.
    where not coalesce(cast(_fivetran_deleted as {{ dbt.type_boolean() }}), false)
),

final as (
    select
        cast(id as {{ dbt.type_string() }}) as account_id,
        property_name as name,
        property_domain as domain,
        -- HubSpot's industry enumeration (COMPUTER_SOFTWARE) in words (computer software).
        replace(property_industry, '_', ' ') as industry,
        property_numberofemployees as employee_count,
        property_annualrevenue as annual_revenue,
        property_country as country,
        coalesce(lower(property_lifecyclestage) = 'customer', false) as is_customer,
        property_createdate as created_at,
        property_hs_lastmodifieddate as updated_at
        {{- lead_scoring.custom_attribute_passthrough('crm_accounts') | indent(4) }}
    from companies
)

select * from final
