{{ config(
    materialized=lead_scoring.event_state_materialization(),
    incremental_strategy='append',
    on_schema_change='sync_all_columns',
    pre_hook=[
        "{{ lead_scoring.crm_state_pre_hook(lead_scoring.leads_enriched_plan(), lead_scoring.lead_input_hashes(),"
        ~ " ['lead_row_hash', 'account_row_hash']) }}",
    ],
) }}
-- A CRM-derived fact that does not depend on the scoring date: a table kept up to date
-- lead by lead (macros/crm_state.sql). Each row stores the hashes of its lead's row and of
-- its account's row; an update derives only the leads whose hashes changed (the pre-hook
-- deleted their rows) or that are new; a change of the seeds email_domains or
-- job_title_patterns, of the custom attributes or of the code rebuilds every lead.
{%- set plan = lead_scoring.leads_enriched_plan() %}

with

leads as (
    select deduplicated.* from {{ ref('lead_scoring', 'int_leads_deduplicated') }} as deduplicated
    where not deduplicated.is_deleted and {{ lead_scoring.crm_state_unstored(plan, 'deduplicated') }}
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
        {{- lead_scoring.custom_attribute_names('crm_accounts', 'accounts.') | indent(4) }},
        {{ lead_scoring.row_change_hash(
            lead_scoring.crm_input_columns('crm_leads', 'leads_with_email_parts.')
        ) }} as lead_row_hash,
        {{ lead_scoring.row_change_hash(lead_scoring.crm_input_columns('crm_accounts', 'accounts.')) }}
            as account_row_hash,
        cast({{ lead_scoring.quoted_string(plan.fingerprint) }} as {{ dbt.type_string() }}) as crm_fingerprint
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
