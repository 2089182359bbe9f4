{{ config(
    materialized='incremental',
    unique_key='as_of',
    incremental_strategy=lead_scoring.replace_days_strategy(),
    partition_by=(['as_of'] if target.type == 'spark' else none),
    on_schema_change='append_new_columns',
    full_refresh=(none if var('lead_scoring_rebuild_history', false) in [true, 'true', 'True'] else false),
) }}
-- Scores of each scoring day (from lead_scores_current), appended run after run. unique_key as_of: re-running a
-- day replaces every row of that day (leads deleted since then disappear from it).
-- Back-fill with successive as_of values: make backfill FROM=... TO=...
-- The history cannot be recomputed from raw data once the CRM has overwritten its fields, so
-- --full-refresh leaves it alone (full_refresh false). To rebuild it on purpose:
--   dbt build --full-refresh --select lead_score_history --vars '{lead_scoring_rebuild_history: true}'
-- which keeps only the day of that run.

with

lead_scores as (
    select * from {{ ref('lead_scoring', 'lead_scores_current') }}
),

p_convert as (
    select * from {{ ref('lead_scoring', 'int_lead_p_convert') }}
),

final as (
    select
        lead_scores.lead_id,
        lead_scores.as_of,
        lead_scores.fit_score,
        lead_scores.intent_score,
        lead_scores.negative_score,
        lead_scores.total_score,
        lead_scores.score_cell,
        lead_scores.segment,
        lead_scores.is_mql,
        lead_scores.mql_reason,
        lead_scores.is_sql,
        lead_scores.sql_reason,
        lead_scores.is_suppressed,
        lead_scores.top_reasons,
        lead_scores.top_reason_ids,
        p_convert.p_convert,
        p_convert.p_convert_calibration_id
    from lead_scores
    left join p_convert
        on lead_scores.lead_id = p_convert.lead_id
)

select * from final
