{{ config(
    materialized=lead_scoring.event_state_materialization(),
    incremental_strategy='append',
    on_schema_change='sync_all_columns',
    schema=lead_scoring.model_schema('intermediate'),
    tags=['lead_scoring_model_specific'],
    pre_hook=[
        "{{ lead_scoring.crm_state_pre_hook(lead_scoring.crm_rules_plan(),"
        ~ " lead_scoring.enriched_lead_hashes(),"
        ~ " ['lead_row_hash', 'account_row_hash']) }}",
    ],
) }}
-- The scoring rules on CRM attributes (scoring_attributes(moves_with_date=false): what the lead's
-- and its account's CRM rows say, not the scoring date) that each lead matches, kept lead by lead like
-- int_leads_enriched (macros/crm_state.sql): each row stores the hashes of its lead's CRM rows;
-- an update derives only the leads whose hashes changed (the pre-hook deleted their rows) or
-- that are new; a change of these rules, of what int_leads_enriched derives from, or of the
-- code rebuilds every lead. A lead that matches none keeps one row without a rule, so an
-- update knows it was evaluated. int_lead_rules_evaluated adds the rules on dated attributes.
{%- set plan = lead_scoring.crm_rules_plan() %}
{%- set rules_relation = lead_scoring.scoring_settings('scoring_rules') %}
{%- set attributes = lead_scoring.scoring_attributes(moves_with_date=false) %}

with

leads as (
    select enriched.* from {{ ref('lead_scoring', 'int_leads_enriched') }} as enriched
    where {{ lead_scoring.crm_state_unstored(plan, 'enriched') }}
),

rules as (
    {{ lead_scoring.rules_testing(rules_relation, attributes | list) | indent(4) }}
),

crm_attributes as (
    select
        leads.lead_id,
        {{ lead_scoring.crm_attribute_columns('leads') | indent(8) }}
    from leads
),

attribute_values as (
    {{ lead_scoring.unpivot_attributes('crm_attributes', 'lead_id', attributes) | indent(4) }}
),

matched as (
    {{ lead_scoring.rule_matches('attribute_values', 'rules', lead_scoring.seed_patterns(rules_relation)) | indent(4) }}
),

final as (
    select
        leads.lead_id,
        leads.created_at,
        matched.rule_id,
        matched.component,
        matched.rule_group,
        matched.attribute,
        matched.attribute_value,
        matched.points,
        matched.suppresses,
        matched.label,
        leads.lead_row_hash,
        leads.account_row_hash,
        cast({{ lead_scoring.quoted_string(plan.fingerprint) }} as {{ dbt.type_string() }}) as crm_fingerprint
    from leads
    left join matched
        on leads.lead_id = matched.lead_id
)

select * from final
