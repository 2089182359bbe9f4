{{ config(
    materialized='view', schema=lead_scoring.model_schema('intermediate'), tags=['lead_scoring_model_specific']
) }}
-- Every fit and negative rule each lead matches on the scoring date: the rules on CRM
-- attributes, kept lead by lead (int_lead_crm_rules_matched, for the leads that exist on the
-- scoring date), and the rules on attributes that move with the date, evaluated on every run
-- (int_lead_dated_rules_matched). A view: a table would copy the kept matches (4.7M rows at
-- 1M leads) every day for its three readers, which scan them for less.
{%- set as_of = lead_scoring.as_of_date(var('as_of')) %}
{%- set columns = lead_scoring.rule_match_columns() | join(', ') %}

with

crm_rules_matched as (
    select * from {{ ref('lead_scoring', 'int_lead_crm_rules_matched') }}
    where rule_id is not null and {{ lead_scoring.lead_exists_on('created_at', as_of) }}
),

dated_rules_matched as (
    select * from {{ ref('lead_scoring', 'int_lead_dated_rules_matched') }}
),

final as (
    select {{ columns }} from crm_rules_matched
    union all
    select {{ columns }} from dated_rules_matched
)

select * from final
