{{ config(materialized='view') }}
-- Every staged CRM lead row, numbered within its lead_id by the survivor rule: the most
-- recently updated first, then the most recently created, then the one not deleted, then the
-- smallest by its other columns, so the choice never depends on the order rows arrive. Copy 1
-- of an id is scored (int_leads_deduplicated); rows without an id or with a later copy number
-- are quarantined (leads_quarantined). Every ordering on a nullable column says where nulls
-- go (engines differ by default).
with

leads as (
    select * from {{ ref('lead_scoring', 'stg_lead_scoring__crm_leads') }}
),

numbered as (
    select
        *,
        count(*) over (partition by lead_id) as rows_with_lead_id,
        row_number() over (
            partition by lead_id
            order by
                updated_at desc nulls last,
                created_at desc nulls last,
                is_deleted asc,
                email asc nulls last,
                account_id asc nulls last,
                job_title asc nulls last,
                crm_status asc nulls last,
                first_name asc nulls last,
                last_name asc nulls last,
                country asc nulls last,
                lead_source asc nulls last
                {{- lead_scoring.custom_attribute_names('crm_leads', suffix=' asc nulls last') | indent(8) }}
        ) as copy_number
    from leads
),

final as (
    select * from numbered
)

select * from final
