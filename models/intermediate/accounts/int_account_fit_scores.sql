{{ config(materialized='view') }}
-- A view: read once (by int_account_qualification).
-- One row per CRM account: its fit points per rule group after the group caps of
-- seeds/account_score_caps.csv, and the fit score after the total cap (floored at 0), from
-- the rules it matches (int_account_rules_evaluated). Same roll-up as lead fit.
{%- set groups = var('lead_scoring_account_fit_groups') %}

with

accounts as (
    select account_id from {{ ref('lead_scoring', 'int_account_attributes') }}
),

rules_matched as (
    select account_id, rule_group, points from {{ ref('lead_scoring', 'int_account_rules_evaluated') }}
),

fit_rollup as (
    {{ lead_scoring.rollup_capped_groups(
        'account_fit', 'rules_matched', lead_scoring.settings_table('account_score_caps'), groups,
        direction='positive', key='account_id'
    ) | indent(4) }}
),

final as (
    select
        accounts.account_id,
        {%- for group in groups %}
            coalesce(fit_rollup.account_fit_{{ group }}_points, 0) as fit_{{ group }}_points,
        {%- endfor %}
        coalesce(fit_rollup.account_fit_contribution_count, 0) as fit_rules_matched,
        coalesce(fit_rollup.account_fit_score, 0) as account_fit_score
    from accounts
    left join fit_rollup
        on accounts.account_id = fit_rollup.account_id
)

select * from final
