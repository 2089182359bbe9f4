-- Data quality of the CRM leads, one row per lead id (deleted ones included; rows without
-- an id or repeating one are in leads_quarantined), so a data team can count what scoring
-- left out and why, and tell an unknown value from a bad fit.
-- A view: a few joins by lead (under 1 s at 1M leads) cost less where it is read than writing
-- its 1M rows every day would (dbt_project.yml; docs/how-it-works.md).
{%- set as_of = lead_scoring.as_of_date(var('as_of')) %}

with

leads as (
    select * from {{ ref('lead_scoring', 'int_leads_deduplicated') }}
),

accounts as (
    select * from {{ ref('lead_scoring', 'int_accounts_deduplicated') }}
),

email_owners as (
    select * from {{ ref('lead_scoring', 'int_lead_email_owners') }}
),

first_status_changes as (
    select
        lead_id,
        min(changed_at) as first_status_change_at
    from {{ ref('lead_scoring', 'stg_lead_scoring__crm_lead_status_history') }}
    group by lead_id
),

scored as (
    select lead_id, fit_confidence from {{ ref('lead_scoring', 'int_lead_attributes') }}
),

final as (
    select
        leads.lead_id,
        leads.is_deleted,
        leads.has_duplicate_lead_id,
        scored.lead_id is not null as is_scored,
        case
            when leads.is_deleted then 'deleted'
            when cast(leads.created_at as date) > {{ as_of }} then 'created_after_as_of'
        end as not_scored_reason,
        leads.email is not null as has_email,
        leads.is_email_valid,
        case when leads.is_email_valid then {{ dbt.split_part('leads.email', "'@'", 2) }} end as email_domain,
        coalesce(email_owners.leads_with_email, 0) > 1 as is_duplicate_email,
        email_owners.lead_id = leads.lead_id as is_email_owner,
        email_owners.lead_id as email_owner_lead_id,
        leads.account_id is not null as has_account_id,
        leads.account_id is not null and accounts.account_id is null as has_unknown_account,
        leads.job_title is not null as has_job_title,
        coalesce(leads.country, accounts.country) is not null as has_country,
        coalesce(accounts.has_implausible_firmographics, false) as has_implausible_firmographics,
        -- Dates a CRM cannot have produced: a status changed (e.g. converted) or a row
        -- updated on a day before the lead was created. Scored as loaded, flagged here.
        case
            when cast(first_status_changes.first_status_change_at as date) < cast(leads.created_at as date)
                then 'status_changed_before_created'
            when cast(leads.updated_at as date) < cast(leads.created_at as date)
                then 'updated_before_created'
        end as timeline_problem,
        scored.fit_confidence
    from leads
    left join accounts
        on leads.account_id = accounts.account_id
    left join email_owners
        on leads.email = email_owners.email and not leads.is_deleted
    left join first_status_changes
        on leads.lead_id = first_status_changes.lead_id
    left join scored
        on leads.lead_id = scored.lead_id
)

select * from final
