{{ config(enabled=lead_scoring.crm_adapter_enabled('dynamics365')) }}
-- Dataverse accounts in the shape of the raw contract's crm_accounts: the current version of
-- each, deleted ones left out (their leads keep an unknown account). The domain is the host of
-- the web site; industry is the label of industrycode; a relationship type listed in var
-- lead_scoring_dynamics365_customer_types (default Customer) marks a customer.
with

accounts as (
    select * from {{ lead_scoring.dynamics365_current_rows('account', 'accountid') }} as current_accounts
    where not is_row_deleted
),

final as (
    select
        cast(accountid as {{ dbt.type_string() }}) as account_id,
        cast(name as {{ dbt.type_string() }}) as name,
        {{ lead_scoring.url_host('websiteurl') }} as domain,
        {{ lead_scoring.dynamics365_choice_label('account', 'industrycode', 'industrycode') }} as industry,
        cast(numberofemployees as {{ dbt.type_bigint() }}) as employee_count,
        cast(revenue as {{ lead_scoring.type_double() }}) as annual_revenue,
        cast(address1_country as {{ dbt.type_string() }}) as country,
        {{ lead_scoring.dynamics365_label_in(
            lead_scoring.dynamics365_choice_label('account', 'customertypecode', 'customertypecode'),
            'lead_scoring_dynamics365_customer_types', ['Customer']) }} as is_customer,
        cast(createdon as {{ dbt.type_timestamp() }}) as created_at,
        cast(modifiedon as {{ dbt.type_timestamp() }}) as updated_at
        {{- lead_scoring.custom_attribute_passthrough('crm_accounts') | indent(4) }}
    from accounts
)

select * from final
