{{ config(
    materialized='incremental',
    unique_key='as_of',
    incremental_strategy=lead_scoring.replace_days_strategy(),
    partition_by=(['as_of'] if target.type == 'spark' else none),
    on_schema_change='fail',
) }}
-- Scores of each scoring day (from lead_scores_current), appended run after run. unique_key as_of: re-running a
-- day replaces every row of that day (leads deleted since then disappear from it).
-- Back-fill with successive as_of values: make backfill FROM=... TO=...

with

lead_scores as (
    select * from {{ ref('lead_scoring', 'lead_scores_current') }}
),

final as (
    select
        lead_id,
        as_of,
        fit_score,
        intent_score,
        negative_score,
        total_score,
        score_cell,
        segment,
        is_mql,
        mql_reason,
        is_sql,
        sql_reason,
        is_suppressed,
        top_reasons
    from lead_scores
)

select * from final
