{{ config(
    materialized=lead_scoring.event_state_materialization(),
    incremental_strategy='append',
    on_schema_change='sync_all_columns',
    pre_hook=[
        "{{ lead_scoring.crm_state_pre_hook(lead_scoring.lead_account_matches_plan(),"
        ~ " lead_scoring.enriched_lead_hashes(),"
        ~ " ['lead_row_hash', 'account_row_hash']) }}",
    ],
) }}
-- One row per scored (non-deleted) lead: the account it belongs to and how that was found.
-- The CRM's own account_id wins when that account exists. Otherwise the lead's email domain
-- is matched to the one account whose web domain it is (int_account_domains); free-mail and
-- disposable domains, domains several accounts share and accounts with unusable domains
-- never match, and every unmatched lead says why. Exact domains only: mail.acme.io does not
-- match acme.io.

-- Kept lead by lead like int_leads_enriched (macros/crm_state.sql): an update matches only the
-- leads whose CRM rows changed (their hashes, from int_leads_enriched) or that are new; a change
-- of any account's domain or of what int_leads_enriched derives from rebuilds every lead.
{%- set plan = lead_scoring.lead_account_matches_plan() %}

with

leads as (
    select
        enriched.lead_id,
        enriched.account_id,
        enriched.email_domain,
        enriched.email_domain_type,
        enriched.lead_row_hash,
        enriched.account_row_hash
    from {{ ref('lead_scoring', 'int_leads_enriched') }} as enriched
    where {{ lead_scoring.crm_state_unstored(plan, 'enriched') }}
),

account_domains as (
    select * from {{ ref('lead_scoring', 'int_account_domains') }}
),

crm_accounts as (
    select distinct account_id from account_domains
),

domain_accounts as (
    -- One row per domain: the account when the domain is usable, else its status.
    select
        account_domain,
        min(account_id) as account_id,
        max(case when domain_status = 'shared' then 1 else 0 end) = 1 as is_shared,
        max(case when domain_status = 'ok' then 1 else 0 end) = 1 as is_usable
    from account_domains
    where account_domain is not null
    group by account_domain
),

resolved as (
    select
        leads.lead_id,
        leads.lead_row_hash,
        leads.account_row_hash,
        leads.account_id as crm_account_id,
        leads.email_domain,
        case
            when leads.account_id is null then 'none'
            when crm_accounts.account_id is null then 'unknown'
            else 'found'
        end as crm_account_status,
        crm_accounts.account_id as found_crm_account_id,
        leads.email_domain_type,
        domain_accounts.account_id as domain_account_id,
        domain_accounts.is_shared,
        domain_accounts.is_usable,
        -- Free-mail and disposable addresses say nothing about the employer: never matched.
        case
            when leads.email_domain_type in ('corporate', 'competitor', 'test') and domain_accounts.is_usable
                then domain_accounts.account_id
        end as domain_match_account_id
    from leads
    left join crm_accounts
        on leads.account_id = crm_accounts.account_id
    left join domain_accounts
        on leads.email_domain = domain_accounts.account_domain
),

final as (
    select
        lead_id,
        crm_account_id,
        crm_account_status,
        email_domain,
        coalesce(found_crm_account_id, domain_match_account_id) as account_id,
        cast(case
            when found_crm_account_id is not null then 'crm_account_id'
            when domain_match_account_id is not null then 'email_domain'
            else 'none'
        end as {{ dbt.type_string() }}) as match_method,
        cast(case
            when found_crm_account_id is not null then null
            when email_domain_type = 'unknown' then 'no_valid_email'
            when email_domain_type = 'free_mail' then 'free_mail_domain'
            when email_domain_type = 'disposable' then 'disposable_domain'
            when is_shared then 'ambiguous_domain'
            when domain_account_id is not null and not is_usable then 'account_domain_unusable'
            when domain_match_account_id is not null then null
            else 'no_account_with_domain'
        end as {{ dbt.type_string() }}) as no_match_reason,
        lead_row_hash,
        account_row_hash,
        cast({{ lead_scoring.quoted_string(plan.fingerprint) }} as {{ dbt.type_string() }}) as crm_fingerprint
    from resolved
)

select * from final
