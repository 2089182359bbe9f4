-- Conservation for CRM lead rows: every staged row is either the one row of its lead id that
-- scoring uses (int_leads_deduplicated) or in leads_quarantined with a reason. Returns a row
-- when the counts differ.

with

staged as (
    select count(*) as staged_rows from {{ ref('lead_scoring', 'stg_lead_scoring__crm_leads') }}
),

kept as (
    select count(*) as kept_rows from {{ ref('lead_scoring', 'int_leads_deduplicated') }}
),

quarantined as (
    select count(*) as quarantined_rows from {{ ref('lead_scoring', 'leads_quarantined') }}
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
