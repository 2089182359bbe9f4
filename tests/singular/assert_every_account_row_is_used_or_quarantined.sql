-- Conservation for CRM account rows: every staged row is either the one row of its account id that
-- scoring uses (int_accounts_deduplicated) or in accounts_quarantined with a reason. Returns a row
-- when the counts differ.

with

staged as (
    select count(*) as staged_rows from {{ ref('lead_scoring', 'stg_lead_scoring__crm_accounts') }}
),

kept as (
    select count(*) as kept_rows from {{ ref('lead_scoring', 'int_accounts_deduplicated') }}
),

quarantined as (
    select count(*) as quarantined_rows from {{ ref('lead_scoring', 'accounts_quarantined') }}
),

final as (
    select
        staged.staged_rows,
        kept.kept_rows,
        quarantined.quarantined_rows
    from staged
    cross join kept
    cross join quarantined
    where staged.staged_rows != kept.kept_rows + quarantined.quarantined_rows
)

select * from final
