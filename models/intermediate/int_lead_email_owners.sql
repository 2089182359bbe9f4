-- Survivor rule for leads sharing an email: the earliest created lead owns the
-- email, ties broken by the smallest lead_id; a lead of unknown creation comes last.
-- Events matched by email go to it. Every window ordering on a nullable column says
-- where nulls go: engines differ by default (Spark puts them first when ascending,
-- PostgreSQL first when descending, DuckDB last).
with

leads as (
    select lead_id, email, created_at
    from {{ ref('lead_scoring', 'int_leads_deduplicated') }}
    where email is not null and not is_deleted
),

ranked as (
    select
        email,
        lead_id,
        count(*) over (partition by email) as leads_with_email,
        row_number() over (partition by email order by created_at nulls last, lead_id) as owner_rank
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
