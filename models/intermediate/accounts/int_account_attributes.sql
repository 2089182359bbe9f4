-- One row per CRM account: the attributes account fit rules may test (macro
-- account_attributes: firmographics, then the custom attributes read from crm_accounts).
{%- set attributes = lead_scoring.account_attributes() %}

with

accounts as (
    select * from {{ ref('lead_scoring', 'int_accounts_deduplicated') }}
),

final as (
    select
        account_id,
        account_name,
        industry,
        country,
        {{ lead_scoring.bool_to_text('is_customer') }} as is_customer,
        cast(employee_count as {{ lead_scoring.type_double() }}) as employee_count,
        cast(annual_revenue as {{ lead_scoring.type_double() }}) as annual_revenue
        {{- lead_scoring.account_custom_attribute_columns() | indent(4) }}
    from accounts
)

select * from final
