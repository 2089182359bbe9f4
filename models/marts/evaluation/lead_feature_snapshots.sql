{{ config(
    materialized='incremental',
    unique_key=['model_id', 'as_of'],
    incremental_strategy=lead_scoring.replace_days_strategy(),
    partition_by=(['model_id', 'as_of'] if target.type == 'spark' else none),
    on_schema_change='append_new_columns',
    full_refresh=(none if var('lead_scoring_rebuild_history', false) in [true, 'true', 'True'] else false),
    pre_hook="{{ lead_scoring.event_scan_session_settings() }}",
    post_hook="{{ lead_scoring.event_scan_session_reset() }}",
) }}
-- The raw features behind each snapshot of lead_score_snapshots (same days): one row per
-- lead and matched rule or signal with events, with its raw points, decay, points after the
-- caps, event count and recency, as the run on that day computed them. A rule or signal of a
-- lead without a row did not match (or had no events) that day. Signals worth 0 points are
-- kept (the careers page, bounces): rule_effectiveness measures them too.
{%- set take = lead_scoring.take_snapshot(var('as_of')) %}
{%- set as_of = lead_scoring.as_of_date(var('as_of')) %}
{%- set dbl = lead_scoring.type_double() %}

with

contributions as (
    select * from {{ ref('lead_scoring', 'score_contributions') }}
),

signals as (
    select * from {{ ref('lead_scoring', 'int_lead_signals_decayed') }}
),

-- score_contributions leaves out signals whose events are worth nothing.
zero_point_signals as (
    select
        lead_id,
        'intent' as component,
        signal_group as rule_group,
        signal as rule_id,
        cast(raw_points as {{ dbl }}) as raw_points,
        cast(null as {{ dbl }}) as decay_factor,
        cast(capped_points as {{ dbl }}) as points_before_group_cap,
        cast(0 as {{ dbl }}) as points,
        cast(event_count as {{ dbt.type_int() }}) as event_count,
        cast(days_since_last as {{ dbt.type_int() }}) as days_since_last
    from signals
    where raw_points = 0
),

features as (
    select
        lead_id,
        component,
        rule_group,
        rule_id,
        raw_points,
        decay_factor,
        points_before_group_cap,
        points,
        event_count,
        days_since_last
    from contributions
    union all
    select * from zero_point_signals
),

final as (
    select
        cast('{{ var("lead_scoring_model_id") }}' as {{ dbt.type_string() }}) as model_id,
        {{ as_of }} as as_of,
        lead_id,
        component,
        rule_group,
        rule_id,
        raw_points,
        decay_factor,
        points_before_group_cap as decayed_points,
        points,
        event_count,
        days_since_last
    from features
    where {{ 'true' if take else 'false' }}
)

select * from final
