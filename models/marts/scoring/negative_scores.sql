{{ config(schema=lead_scoring.model_schema(), tags=['lead_scoring_model_specific']) }}
{%- set groups = var('lead_scoring_negative_groups') -%}

with

leads as (
    select lead_id from {{ ref('lead_scoring', 'int_lead_attributes') }}
),

negative_rules_matched as (
    select lead_id, rule_id, rule_group, points, suppresses
    from {{ ref('lead_scoring', 'int_lead_rules_evaluated') }}
    where component = 'negative'
),

negative_rollup as (
    {{ lead_scoring.rollup_capped_groups(
        'negative', 'negative_rules_matched', lead_scoring.scoring_settings('score_caps'), groups, direction='negative'
    ) | indent(4) }}
),

suppressions as (
    select
        lead_id,
        {{ lead_scoring.ordered_listagg('rule_id', "', '", 'rule_id') }} as suppression_reason
    from negative_rules_matched
    where suppresses
    group by lead_id
),

final as (
    select
        leads.lead_id,
        {%- for group in groups %}
            coalesce(negative_rollup.negative_{{ group }}_points, 0) as negative_{{ group }}_points,
        {%- endfor %}
        {%- for group in groups %}
            coalesce(negative_rollup.negative_{{ group }}_points_before_cap, 0)
                as negative_{{ group }}_points_before_cap,
        {%- endfor %}
        coalesce(negative_rollup.negative_contribution_count, 0) as negative_rules_matched,
        coalesce(negative_rollup.negative_score, 0) as negative_score,
        suppressions.lead_id is not null as is_suppressed,
        suppressions.suppression_reason
    from leads
    left join negative_rollup
        on leads.lead_id = negative_rollup.lead_id
    left join suppressions
        on leads.lead_id = suppressions.lead_id
)

select * from final
