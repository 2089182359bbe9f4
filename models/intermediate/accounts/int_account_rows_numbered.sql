{{ config(materialized='view') }}
-- Every staged CRM account row, numbered within its account_id by the survivor rule of leads:
-- the most recently updated first, then the most recently created, then the smallest by its
-- other columns, so the choice never depends on the order rows arrive. Copy 1 of an id is
-- used (int_accounts_deduplicated); rows without an id or with a later copy number are
-- quarantined (accounts_quarantined).
with

accounts as (
    select * from {{ ref('lead_scoring', 'stg_lead_scoring__crm_accounts') }}
),

numbered as (
    select
        *,
        count(*) over (partition by account_id) as rows_with_account_id,
        row_number() over (
            partition by account_id
            order by
                updated_at desc nulls last,
                created_at desc nulls last,
                account_name asc nulls last,
                account_domain asc nulls last,
                industry asc nulls last,
                employee_count asc nulls last,
                annual_revenue asc nulls last,
                country asc nulls last,
                is_customer asc
                {{- lead_scoring.custom_attribute_names('crm_accounts', suffix=' asc nulls last') | indent(8) }}
        ) as copy_number
    from accounts
),

final as (
    select * from numbered
)

select * from final
