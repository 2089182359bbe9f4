{{ config(
    materialized='incremental',
    unique_key=['model_id', 'as_of'],
    incremental_strategy=lead_scoring.replace_days_strategy(),
    partition_by=(['model_id', 'as_of'] if target.type == 'spark' else none),
    on_schema_change='append_new_columns',
    full_refresh=(none if var('lead_scoring_rebuild_history', false) in [true, 'true', 'True'] else false),
) }}
-- Point-in-time snapshots of lead_scores_current: on the days var lead_scoring_snapshot_every
-- names (and every day make backtest scores), the scores, grade, segment and flags of every
-- lead as the run on that day computed them, under the scoring model's name. Other days add
-- nothing. The evaluation marts label these rows with what happened afterwards. Like the
-- history, a --full-refresh leaves it alone (a past day's CRM fields cannot be recomputed).
{%- set take = lead_scoring.take_snapshot(var('as_of')) %}

with

lead_scores as (
    select * from {{ ref('lead_scoring', 'lead_scores_current') }}
),

final as (
    select
        cast('{{ var("lead_scoring_model_id") }}' as {{ dbt.type_string() }}) as model_id,
        as_of,
        lead_id,
        account_id,
        population,
        fit_score,
        intent_score,
        negative_score,
        total_score,
        fit_grade,
        intent_level,
        score_cell,
        segment,
        is_mql,
        mql_reason,
        is_sql,
        sql_reason,
        is_suppressed,
        lifecycle_stage,
        days_since_last_activity,
        top_reason_ids
    from lead_scores
    where {{ 'true' if take else 'false' }}
)

select * from final
