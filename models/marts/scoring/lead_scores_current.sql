{{ config(
    schema=lead_scoring.model_schema(),
    tags=['lead_scoring_model_specific'],
    pre_hook="{{ lead_scoring.event_scan_session_settings() }}",
    post_hook="{{ lead_scoring.event_scan_session_reset() }}",
) }}
{%- set as_of = lead_scoring.as_of_date(var('as_of')) -%}
{%- set dbl = lead_scoring.type_double() -%}

-- depends_on: {{ lead_scoring.settings_table('scoring_models') }}
with

leads as (
    select * from {{ ref('lead_scoring', 'int_lead_attributes') }}
),

fit_scores as (
    select * from {{ ref('lead_scoring', 'fit_scores') }}
),

intent_scores as (
    select * from {{ ref('lead_scoring', 'intent_scores') }}
),

negative_scores as (
    select * from {{ ref('lead_scoring', 'negative_scores') }}
),

top_reasons as (
    select * from {{ ref('lead_scoring', 'int_lead_top_reasons') }}
),

thresholds as (
    {{ lead_scoring.pivot_thresholds(lead_scoring.scoring_settings('scoring_thresholds')) | indent(4) }}
),

combined as (
    select
        leads.lead_id,
        leads.account_id,
        {{ as_of }} as as_of,
        -- Existing customers are scored against their own thresholds (expansion).
        case when leads.is_customer = 'true' then 'customer' else 'prospect' end as population,
        fit_scores.fit_score,
        fit_scores.fit_confidence,
        intent_scores.intent_score,
        negative_scores.negative_score,
        fit_scores.fit_score + intent_scores.intent_score + negative_scores.negative_score as total_score,
        negative_scores.is_suppressed,
        negative_scores.suppression_reason,
        intent_scores.days_since_hand_raiser,
        intent_scores.days_since_strong_intent,
        leads.lifecycle_stage,
        leads.has_sales_stage,
        leads.has_open_opportunity,
        leads.last_activity_at,
        leads.days_since_last_activity,
        top_reasons.top_reasons,
        top_reasons.top_reason_ids
    from leads
    inner join fit_scores
        on leads.lead_id = fit_scores.lead_id
    inner join intent_scores
        on leads.lead_id = intent_scores.lead_id
    inner join negative_scores
        on leads.lead_id = negative_scores.lead_id
    left join top_reasons
        on leads.lead_id = top_reasons.lead_id
),

graded as (
    select
        combined.*,
        case
            when combined.fit_score >= thresholds.fit_grade_a_min then 'A'
            when combined.fit_score >= thresholds.fit_grade_b_min then 'B'
            when combined.fit_score >= thresholds.fit_grade_c_min then 'C'
            else 'D'
        end as fit_grade,
        case
            when combined.intent_score >= thresholds.intent_level_1_min then 1
            when combined.intent_score >= thresholds.intent_level_2_min then 2
            when combined.intent_score >= thresholds.intent_level_3_min then 3
            else 4
        end as intent_level,
        -- A suppressed lead (competitor, test address, ...) is never worked: cold whatever
        -- its points, which stay as computed.
        case
            when combined.is_suppressed then 'C'
            when combined.total_score >= thresholds.segment_a_min_total then 'A'
            when combined.total_score >= thresholds.segment_b_min_total then 'B'
            else 'C'
        end as segment,
        -- The score rule: enough points AND inside the ICP gate.
        combined.total_score >= thresholds.mql_min_total
        and combined.fit_score >= thresholds.icp_min_fit as passes_score_rule,
        combined.total_score >= thresholds.mql_min_total as reaches_mql_total,
        -- Hand-raisers skip the total, not the (lower) fit gate.
        coalesce(combined.days_since_hand_raiser < thresholds.hand_raiser_window_days, false)
            as has_recent_hand_raise,
        combined.fit_score >= thresholds.hand_raiser_min_fit as passes_hand_raiser_fit,
        coalesce(combined.days_since_strong_intent < thresholds.strong_intent_window_days, false)
            as has_recent_strong_intent,
        combined.total_score >= thresholds.sql_min_total as reaches_sql_total
    from combined
    inner join thresholds
        on combined.population = thresholds.population
),

mql as (
    select
        graded.*,
        case
            when graded.is_suppressed then 'suppressed'
            when graded.passes_score_rule then 'score_and_fit'
            when graded.has_recent_hand_raise and graded.passes_hand_raiser_fit then 'hand_raiser'
            when graded.reaches_mql_total or graded.has_recent_hand_raise then 'below_icp_fit'
            else 'below_threshold'
        end as mql_reason
    from graded
),

qualified as (
    select
        mql.*,
        mql.mql_reason in ('score_and_fit', 'hand_raiser') as is_mql,
        case
            when mql.has_sales_stage then 'sales_stage'
            when mql.has_open_opportunity then 'open_opportunity'
            when
                mql.mql_reason in ('score_and_fit', 'hand_raiser')
                and mql.has_recent_strong_intent
                and mql.reaches_sql_total
                then 'mql_strong_intent'
            else 'not_qualified'
        end as sql_reason
    from mql
),

final as (
    select
        cast(lead_id as {{ dbt.type_string() }}) as lead_id,
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(as_of as date) as as_of,
        cast(population as {{ dbt.type_string() }}) as population,
        cast(fit_score as {{ dbl }}) as fit_score,
        cast(intent_score as {{ dbl }}) as intent_score,
        cast(negative_score as {{ dbl }}) as negative_score,
        cast(total_score as {{ dbl }}) as total_score,
        cast(fit_grade as {{ dbt.type_string() }}) as fit_grade,
        cast(intent_level as {{ dbt.type_int() }}) as intent_level,
        cast(fit_grade || cast(intent_level as {{ dbt.type_string() }}) as {{ dbt.type_string() }}) as score_cell,
        cast(segment as {{ dbt.type_string() }}) as segment,
        cast(
            case segment when 'A' then 'hot' when 'B' then 'warm' else 'cold' end
            as {{ dbt.type_string() }}
        ) as segment_label,
        cast(is_mql as {{ dbt.type_boolean() }}) as is_mql,
        cast(mql_reason as {{ dbt.type_string() }}) as mql_reason,
        cast(sql_reason != 'not_qualified' as {{ dbt.type_boolean() }}) as is_sql,
        cast(sql_reason as {{ dbt.type_string() }}) as sql_reason,
        cast(is_suppressed as {{ dbt.type_boolean() }}) as is_suppressed,
        cast(suppression_reason as {{ dbt.type_string() }}) as suppression_reason,
        cast(lifecycle_stage as {{ dbt.type_string() }}) as lifecycle_stage,
        cast(fit_confidence as {{ dbl }}) as fit_confidence,
        cast(last_activity_at as {{ dbt.type_timestamp() }}) as last_activity_at,
        cast(days_since_last_activity as {{ dbt.type_int() }}) as days_since_last_activity,
        cast(top_reasons as {{ dbt.type_string() }}) as top_reasons,
        cast(top_reason_ids as {{ dbt.type_string() }}) as top_reason_ids
    from qualified
)

select * from final
