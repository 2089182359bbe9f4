-- Survivor rule for leads sharing an email: the earliest created lead owns the
-- email, ties broken by the smallest lead_id. Events matched by email go to it.
with

leads as (
    select lead_id, email, created_at
    from {{ ref('lead_scoring', 'stg_lead_scoring__crm_leads') }}
    where email is not null and not is_deleted
),

ranked as (
    select
        email,
        lead_id,
        count(*) over (partition by email) as leads_with_email,
        row_number() over (partition by email order by created_at, lead_id) as owner_rank
    from leads
),

final as (
    select
        email,
        lead_id,
        leads_with_email
    from ranked
    where owner_rank = 1
)

select * from final
