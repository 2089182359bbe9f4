-- A candidate model against the live one, day by day: one row per candidate and snapshot day
-- both were scored on. How many leads would change segment or MQL status (model_comparison
-- lists them), the MQL and segment A volumes of both, and how well each predicted what
-- followed on that same day (evaluation_summary, primary milestone and horizon; null while
-- the day's horizon has not passed).
{%- set dbl = lead_scoring.type_double() %}
{%- set live_model = lead_scoring.quoted_string(var('lead_scoring_model_id')) %}

with

snapshots as (
    select model_id, as_of, lead_id, segment, is_mql from {{ ref('lead_scoring', 'lead_score_snapshots') }}
),

summary as (
    select * from {{ ref('lead_scoring', 'evaluation_summary') }}
    where
        scope = 'snapshot'
        and milestone = {{ lead_scoring.quoted_string(var('lead_scoring_primary_milestone')) }}
        and horizon_days = {{ var('lead_scoring_outcome_horizon_days', 90) | int }}
),

paired as (
    select
        candidate.model_id as candidate_model_id,
        live.as_of,
        live.segment as live_segment,
        candidate.segment as candidate_segment,
        live.is_mql as live_is_mql,
        candidate.is_mql as candidate_is_mql
    from snapshots as live
    inner join snapshots as candidate
        on
            live.as_of = candidate.as_of
            and live.lead_id = candidate.lead_id
            and candidate.model_id != {{ live_model }}
    where live.model_id = {{ live_model }}
),

counted as (
    select
        candidate_model_id,
        as_of,
        count(*) as leads_compared,
        sum(case when candidate_segment < live_segment then 1 else 0 end) as leads_moving_up,
        sum(case when candidate_segment > live_segment then 1 else 0 end) as leads_moving_down,
        sum(case when live_segment = 'A' then 1 else 0 end) as live_segment_a_leads,
        sum(case when candidate_segment = 'A' then 1 else 0 end) as candidate_segment_a_leads,
        sum(case when live_is_mql then 1 else 0 end) as live_mqls,
        sum(case when candidate_is_mql then 1 else 0 end) as candidate_mqls,
        sum(case when candidate_is_mql and not live_is_mql then 1 else 0 end) as mqls_gained,
        sum(case when live_is_mql and not candidate_is_mql then 1 else 0 end) as mqls_lost
    from paired
    group by candidate_model_id, as_of
),

final as (
    select
        counted.candidate_model_id,
        {{ live_model }} as live_model_id,
        counted.as_of,
        counted.leads_compared,
        counted.leads_moving_up,
        counted.leads_moving_down,
        counted.live_segment_a_leads,
        counted.candidate_segment_a_leads,
        counted.live_mqls,
        counted.candidate_mqls,
        counted.mqls_gained,
        counted.mqls_lost,
        coalesce(live_summary.is_censored or candidate_summary.is_censored, false) as is_censored,
        cast(live_summary.roc_auc as {{ dbl }}) as live_roc_auc,
        cast(candidate_summary.roc_auc as {{ dbl }}) as candidate_roc_auc,
        cast(live_summary.mql_precision as {{ dbl }}) as live_mql_precision,
        cast(candidate_summary.mql_precision as {{ dbl }}) as candidate_mql_precision,
        cast(live_summary.mql_recall as {{ dbl }}) as live_mql_recall,
        cast(candidate_summary.mql_recall as {{ dbl }}) as candidate_mql_recall
    from counted
    left join summary as live_summary
        on
            counted.as_of = live_summary.snapshot_date
            and live_summary.model_id = {{ live_model }}
    left join summary as candidate_summary
        on
            counted.as_of = candidate_summary.snapshot_date
            and counted.candidate_model_id = candidate_summary.model_id
)

select * from final
