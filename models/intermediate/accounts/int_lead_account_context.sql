{{ config(materialized='view') }}
-- A view: int_lead_dated_rules_matched, its only reader, computes it in its own query (a table
-- meant writing a row for every lead on every run).
-- One row per scored lead (int_lead_account_matches): what lead scoring rules may know about its account
-- (macro account_context_attributes) - its fit score, its segment and whether it is an MQA on
-- the scoring date - set for the context_max_leads_per_account most engaged leads of the
-- account only (the frequency limit: an MQA account with hundreds of leads does not lift them
-- all) and null for the others and for leads without an account, as for any unknown
-- attribute (operator missing matches them). Rules on these attributes are lead
-- rules like any other (seeds/scoring_rules.csv, their cap in seeds/score_caps.csv) and are
-- explained in top_reasons. From intent and CRM data only (int_account_qualification), so the
-- lead's own fit may depend on it without a cycle.
{%- set limited = 'contacts.intent_rank <= settings.context_max_leads_per_account' %}

with

leads as (
    select lead_id, account_id from {{ ref('lead_scoring', 'int_lead_account_matches') }}
),

contacts as (
    select account_id, lead_id, intent_rank from {{ ref('lead_scoring', 'int_account_contacts') }}
),

qualification as (
    select account_id, account_fit_score, segment, is_mqa
    from {{ ref('lead_scoring', 'int_account_qualification') }}
),

settings as (
    {{ lead_scoring.setting_columns(
        lead_scoring.settings_table('account_settings'), ['context_max_leads_per_account']
    ) | indent(4) }}
),

final as (
    select
        leads.lead_id,
        leads.account_id,
        contacts.intent_rank,
        coalesce({{ limited }}, false) as has_account_context,
        case when {{ limited }} then qualification.account_fit_score end as account_fit_score,
        case when {{ limited }} then qualification.segment end as account_segment,
        case when {{ limited }} then {{ lead_scoring.bool_to_text('qualification.is_mqa') }} end as is_at_mqa_account
    from leads
    left join contacts
        on leads.lead_id = contacts.lead_id
    left join qualification
        on contacts.account_id = qualification.account_id
    cross join settings
)

select * from final
