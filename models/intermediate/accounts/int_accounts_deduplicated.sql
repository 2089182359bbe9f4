{{ config(materialized='view') }}
-- The CRM accounts scoring may use: one row per account id, the survivor of each id
-- (int_account_rows_numbered says how it is chosen). Rows without an id, and the other rows
-- of a repeated id, are in accounts_quarantined with a reason.
with

numbered as (
    select * from {{ ref('lead_scoring', 'int_account_rows_numbered') }}
    where account_id is not null and copy_number = 1
),

final as (
    select
        account_id,
        account_name,
        account_domain,
        industry,
        employee_count,
        annual_revenue,
        has_implausible_firmographics,
        country,
        is_customer,
        created_at,
        updated_at,
        rows_with_account_id > 1 as has_duplicate_account_id
        {{- lead_scoring.custom_attribute_names('crm_accounts') | indent(4) }}
    from numbered
)

select * from final
