{{ config(enabled=lead_scoring.crm_adapter_enabled('salesforce')) }}
-- Salesforce accounts in the shape of the raw contract's crm_accounts.
with

accounts as (
    select * from {{ source('salesforce', 'account') }}
    -- Accounts in the recycle bin are gone; their leads keep an unknown account.
    where not coalesce(cast(is_deleted as {{ dbt.type_boolean() }}), false)
),

final as (
    select
        cast(id as {{ dbt.type_string() }}) as account_id,
        name,
        -- The host of the web site: scheme, www., path and port removed.
        {{ lead_scoring.url_host('website') }} as domain,
        industry,
        number_of_employees as employee_count,
        annual_revenue,
        billing_country as country,
        coalesce({{ lead_scoring.starts_with('lower(type)', "'customer'") }}, false) as is_customer,
        created_date as created_at,
        last_modified_date as updated_at
        {{- lead_scoring.custom_attribute_passthrough('crm_accounts') | indent(4) }}
    from accounts
)

select * from final
