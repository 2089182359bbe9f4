{{ config(schema=lead_scoring.model_schema(), tags=['lead_scoring_model_specific']) }}
{%- set groups = var('lead_scoring_fit_groups') -%}

with

leads as (
    select lead_id, fit_confidence from {{ ref('lead_scoring', 'int_lead_attributes') }}
),

fit_rules_matched as (
    select lead_id, rule_group, points
    from {{ ref('lead_scoring', 'int_lead_rules_evaluated') }}
    where component = 'fit'
),

fit_rollup as (
    {{ lead_scoring.rollup_capped_groups(
        'fit', 'fit_rules_matched', lead_scoring.scoring_settings('score_caps'), groups, direction='positive'
    ) | indent(4) }}
),

final as (
    select
        leads.lead_id,
        {%- for group in groups %}
            coalesce(fit_rollup.fit_{{ group }}_points, 0) as fit_{{ group }}_points,
        {%- endfor %}
        {%- for group in groups %}
            coalesce(fit_rollup.fit_{{ group }}_points_before_cap, 0)
                as fit_{{ group }}_points_before_cap,
        {%- endfor %}
        coalesce(fit_rollup.fit_contribution_count, 0) as fit_rules_matched,
        coalesce(fit_rollup.fit_score, 0) as fit_score,
        leads.fit_confidence
    from leads
    left join fit_rollup
        on leads.lead_id = fit_rollup.lead_id
)

select * from final
