{{ config(
    materialized='incremental',
    unique_key='as_of',
    incremental_strategy=lead_scoring.replace_days_strategy(),
    partition_by=(['as_of'] if target.type == 'spark' else none),
    on_schema_change='append_new_columns',
    full_refresh=(none if var('lead_scoring_rebuild_history', false) in [true, 'true', 'True'] else false),
) }}
-- Account scores of each scoring day (from account_scores), appended run after run like
-- lead_score_history: re-running a day replaces that day, --full-refresh leaves the history
-- alone (var lead_scoring_rebuild_history: true to rebuild it on purpose).

with

account_scores as (
    select * from {{ ref('lead_scoring', 'account_scores') }}
),

final as (
    select
        account_id,
        as_of,
        account_fit_score,
        engagement_score,
        account_score,
        segment,
        is_mqa,
        mqa_reason,
        engaged_contacts,
        buying_group_coverage,
        activity_trend,
        has_open_opportunity,
        top_reasons
    from account_scores
)

select * from final
