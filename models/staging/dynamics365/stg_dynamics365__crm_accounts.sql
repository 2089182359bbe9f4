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
        cast(accounts.accountid as {{ dbt.type_string() }}) as account_id,
        cast(accounts.name as {{ dbt.type_string() }}) as name,
        {{ lead_scoring.url_host('accounts.websiteurl') }} as domain,
        {{ lead_scoring.dynamics365_label('industry_label', 'accounts.industrycode') }} as industry,
        cast(accounts.numberofemployees as {{ dbt.type_bigint() }}) as employee_count,
        cast(accounts.revenue as {{ lead_scoring.type_double() }}) as annual_revenue,
        cast(accounts.address1_country as {{ dbt.type_string() }}) as country,
        {{ lead_scoring.dynamics365_label_in(
            lead_scoring.dynamics365_label('customer_type_label', 'accounts.customertypecode'),
            'lead_scoring_dynamics365_customer_types', ['Customer']) }} as is_customer,
        cast(accounts.createdon as {{ dbt.type_timestamp() }}) as created_at,
        cast(accounts.modifiedon as {{ dbt.type_timestamp() }}) as updated_at
        {{- lead_scoring.custom_attribute_passthrough('crm_accounts') | indent(4) }}
    from accounts
    {{ lead_scoring.dynamics365_label_join('industry_label', 'account', 'industrycode', 'accounts.industrycode') }}
    {{ lead_scoring.dynamics365_label_join(
        'customer_type_label', 'account', 'customertypecode', 'accounts.customertypecode') }}
)

select * from final
