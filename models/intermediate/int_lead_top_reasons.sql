{{ config(
    materialized='view', schema=lead_scoring.model_schema('intermediate'), tags=['lead_scoring_model_specific']
) }}
-- The reasons behind each lead's score as CRM-ready text: the 3 strongest positive then the 2
-- strongest negative contributions of score_contributions, and their rule ids (a key that
-- changes only when the reasons change, not their points or ages). A view: lead_scores_current
-- reads it once, so it costs what a CTE there would. The ranking is top_reasons_query's
-- (a window, or DuckDB's top-N aggregates); the wording is score_contributions' (reason_text).
with

score_contributions as (
    select
        lead_id,
        rule_id,
        points,
        event_count,
        days_since_last
    from {{ ref('lead_scoring', 'score_contributions') }}
),

-- What each rule or signal says (score_contributions words its reasons from the same labels).
reason_labels as (
    select
        rule_id,
        label,
        false as is_signal
    from {{ lead_scoring.scoring_settings('scoring_rules') }}
    union all
    select
        signal as rule_id,
        label,
        true as is_signal
    from {{ lead_scoring.scoring_settings('signal_weights') }}
),

shown_contributions as (
    -- Points as shown (one decimal) from the points rounded to 6 decimals first (decimal casts,
    -- which round alike on every engine): float noise between a full and an incremental build
    -- (1e-12) can then neither flip a tie nor the last digit. Below 0.05 a reason would print
    -- as +0.0: not worth a rep's attention. Ties on the shown points go to the smaller rule_id.
    select
        lead_id,
        rule_id,
        event_count,
        days_since_last,
        shown_points
    from (
        select
            lead_id,
            rule_id,
            event_count,
            days_since_last,
            cast(cast(points as decimal(18, 6)) as decimal(12, 1)) as shown_points
        from score_contributions
    ) as rounded
    where shown_points != 0
),

top_reasons as (
    {{ lead_scoring.top_reasons_query('shown_contributions', 'reason_labels') | indent(4) }}
),

final as (
    select
        lead_id,
        top_reasons,
        top_reason_ids
    from top_reasons
)

select * from final
