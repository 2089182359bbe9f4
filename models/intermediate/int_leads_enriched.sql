{{ config(materialized='view') }}
-- A view: read once, by int_lead_attributes; a table would only add a write of every lead.
with

leads as (
    select * from {{ ref('lead_scoring', 'int_leads_deduplicated') }}
    where not is_deleted
),

accounts as (
    select * from {{ ref('lead_scoring', 'int_accounts_deduplicated') }}
),

titles as (
    select * from {{ ref('lead_scoring', 'int_job_titles_classified') }}
),

email_domains as (
    select * from {{ lead_scoring.settings_table('email_domains') }}
),

leads_with_email_parts as (
    select
        leads.*,
        case when leads.is_email_valid then {{ dbt.split_part('leads.email', "'@'", 2) }} end as email_domain,
        case when leads.is_email_valid then {{ dbt.split_part('leads.email', "'@'", 1) }} end as email_local_part
    from leads
),

final as (
    select
        leads_with_email_parts.lead_id,
        leads_with_email_parts.account_id,
        leads_with_email_parts.email,
        leads_with_email_parts.is_email_valid,
        leads_with_email_parts.email_domain,
        leads_with_email_parts.email_local_part,
        coalesce(
            email_domain_match.domain_type,
            case when account_domain_match.domain_type = 'competitor' then 'competitor' end,
            case when leads_with_email_parts.is_email_valid then 'corporate' end,
            'unknown'
        ) as email_domain_type,
        leads_with_email_parts.job_title,
        titles.seniority,
        titles.department,
        titles.persona,
        leads_with_email_parts.lead_source,
        leads_with_email_parts.crm_status,
        leads_with_email_parts.is_email_opt_out,
        coalesce(leads_with_email_parts.country, accounts.country) as country,
        accounts.account_name,
        accounts.account_domain,
        accounts.industry,
        accounts.employee_count,
        accounts.annual_revenue,
        coalesce(accounts.is_customer, false) as is_customer,
        leads_with_email_parts.created_at,
        leads_with_email_parts.updated_at
        {{- lead_scoring.custom_attribute_names('crm_leads', 'leads_with_email_parts.') | indent(4) }}
        {{- lead_scoring.custom_attribute_names('crm_accounts', 'accounts.') | indent(4) }}
    from leads_with_email_parts
    left join accounts
        on leads_with_email_parts.account_id = accounts.account_id
    left join titles
        on leads_with_email_parts.job_title = titles.job_title
    left join email_domains as email_domain_match
        on leads_with_email_parts.email_domain = email_domain_match.domain
    left join email_domains as account_domain_match
        on accounts.account_domain = account_domain_match.domain
)

select * from final
