{{ config(schema=lead_scoring.model_schema('intermediate'), tags=['lead_scoring_model_specific']) }}
-- The rules on attributes that move with the scoring date (dated_attribute_names: lifecycle
-- stage, inactivity, signal attributes, and the lead's account context from
-- int_lead_account_context), evaluated on every run for the leads that exist on the scoring
-- date. Rules are data: each attribute becomes a (lead, attribute, value) row joined to the
-- rules testing that attribute (macro rule_matches); no rule text is ever spliced into SQL.
-- The rules on CRM attributes are kept lead by lead in int_lead_crm_rules_matched.
{%- set rules_relation = lead_scoring.scoring_settings('scoring_rules') %}
{%- set dated = lead_scoring.dated_attribute_names() %}

with

lead_attributes as (
    select * from {{ ref('lead_scoring', 'int_lead_attributes') }}
),

account_context as (
    select * from {{ ref('lead_scoring', 'int_lead_account_context') }}
),

rules as (
    {{ lead_scoring.rules_testing(rules_relation, dated | list) | indent(4) }}
),

attribute_values as (
    {{ lead_scoring.unpivot_attributes(
        'lead_attributes', 'lead_id', lead_scoring.scoring_attributes(moves_with_date=true)
    ) | indent(4) }}
    union all
    {{ lead_scoring.unpivot_attributes(
        'account_context', 'lead_id', lead_scoring.account_context_attributes()
    ) | indent(4) }}
),

final as (
    {{ lead_scoring.rule_matches('attribute_values', 'rules', lead_scoring.seed_patterns(rules_relation)) | indent(4) }}
)

select * from final
