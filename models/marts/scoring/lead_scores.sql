-- The published scores: today's scores (lead_scores_current) with how they move, read
-- from lead_score_timeline (lead_score_history, which already holds today, with each
-- lead's running markers): deltas over 7 and 30 days, a trend, MQL episodes, time in
-- segment, and the lifecycle (MQLs without an SQL within recycle_after_days go back to
-- nurturing).
{%- set as_of = lead_scoring.as_of_date(var('as_of')) %}
{%- set scoring_day = modules.datetime.datetime.strptime(lead_scoring.as_of_value(var('as_of')), '%Y-%m-%d') %}
{%- set days_before = {} %}
{%- for days in [7, 30] %}
    {%- do days_before.update({days: "cast('" ~ (scoring_day - modules.datetime.timedelta(days=days)).strftime(
        '%Y-%m-%d') ~ "' as date)"}) %}
{%- endfor %}
{%- set week_before = days_before[7] %}
{%- set month_before = days_before[30] %}
{%- set trend_points = var('lead_scoring_trend_min_points', 5) %}

with

current_scores as (
    select * from {{ ref('lead_scoring', 'lead_scores_current') }}
),

p_convert as (
    select * from {{ ref('lead_scoring', 'int_lead_p_convert') }}
),

thresholds as (
    {{ lead_scoring.pivot_thresholds(lead_scoring.settings_table('scoring_thresholds')) | indent(4) }}
),

-- Each lead's running markers on the scoring date and its scores 7 and 30 days before,
-- from lead_score_timeline: three days of rows, not the whole history.
timeline as (
    select
        lead_id,
        as_of,
        total_score,
        first_mql_on,
        last_mql_start,
        last_segment_start,
        has_sql_since_mql_start
    from {{ ref('lead_scoring', 'lead_score_timeline') }}
    where as_of in ({{ as_of }}, {{ week_before }}, {{ month_before }})
),

per_lead as (
    select
        lead_id,
        max(case when as_of = {{ as_of }} then first_mql_on end) as first_mql_on,
        -- Start of the latest MQL episode and of the latest run in one segment.
        max(case when as_of = {{ as_of }} then last_mql_start end) as last_mql_start,
        max(case when as_of = {{ as_of }} then last_segment_start end) as last_segment_start,
        -- Whether the current MQL episode ever reached SQL.
        max(case when as_of = {{ as_of }} and has_sql_since_mql_start then 1 else 0 end) = 1
            as has_sql_in_episode,
        max(case when as_of = {{ week_before }} then total_score end) as total_score_7d_ago,
        max(case when as_of = {{ month_before }} then total_score end) as total_score_30d_ago
    from timeline
    group by lead_id
),

moves as (
    select
        current_scores.*,
        current_scores.total_score - per_lead.total_score_7d_ago as score_delta_7d,
        current_scores.total_score - per_lead.total_score_30d_ago as score_delta_30d,
        case
            when per_lead.total_score_7d_ago is null then 'new'
            when current_scores.total_score - per_lead.total_score_7d_ago >= {{ trend_points }} then 'rising'
            when current_scores.total_score - per_lead.total_score_7d_ago <= -{{ trend_points }} then 'falling'
            else 'steady'
        end as score_trend,
        per_lead.first_mql_on,
        case when current_scores.is_mql then per_lead.last_mql_start end as mql_on,
        {{ lead_scoring.days_between('per_lead.last_segment_start', 'current_scores.as_of') }} as days_in_segment,
        -- An MQL that found no SQL within recycle_after_days goes back to nurturing; it
        -- qualifies again with its next MQL episode (after a day below the MQL bar).
        coalesce(
            current_scores.is_mql
            and not current_scores.is_sql
            and not coalesce(per_lead.has_sql_in_episode, false)
            and {{ lead_scoring.days_between('per_lead.last_mql_start', 'current_scores.as_of') }}
            >= thresholds.recycle_after_days,
            false
        ) as is_recycled,
        thresholds.recycle_after_days,
        per_lead.last_mql_start,
        p_convert.p_convert,
        p_convert.p_convert_status,
        p_convert.p_convert_calibration_id
    from current_scores
    inner join thresholds
        on current_scores.population = thresholds.population
    left join per_lead
        on current_scores.lead_id = per_lead.lead_id
    left join p_convert
        on current_scores.lead_id = p_convert.lead_id
),

final as (
    select
        lead_id,
        account_id,
        as_of,
        population,
        fit_score,
        intent_score,
        negative_score,
        total_score,
        fit_grade,
        intent_level,
        score_cell,
        segment,
        segment_label,
        is_mql,
        mql_reason,
        is_sql,
        sql_reason,
        is_suppressed,
        suppression_reason,
        lifecycle_stage,
        fit_confidence,
        last_activity_at,
        days_since_last_activity,
        top_reasons,
        cast(score_delta_7d as {{ lead_scoring.type_double() }}) as score_delta_7d,
        cast(score_delta_30d as {{ lead_scoring.type_double() }}) as score_delta_30d,
        cast(score_trend as {{ dbt.type_string() }}) as score_trend,
        cast(first_mql_on as date) as first_mql_at,
        cast(mql_on as date) as mql_at,
        cast(days_in_segment as {{ dbt.type_int() }}) as days_in_segment,
        is_recycled,
        cast(case
            when is_sql then 'sql'
            when is_mql and not is_recycled then 'mql'
            else 'nurturing'
        end as {{ dbt.type_string() }}) as lifecycle_status,
        cast(case
            when is_recycled
                then 'no SQL within '
                    || cast(cast(recycle_after_days as {{ dbt.type_int() }}) as {{ dbt.type_string() }})
                    || ' days of becoming an MQL on ' || cast(last_mql_start as {{ dbt.type_string() }})
        end as {{ dbt.type_string() }}) as recycle_reason,
        cast(p_convert as {{ lead_scoring.type_double() }}) as p_convert,
        cast(p_convert_status as {{ dbt.type_string() }}) as p_convert_status,
        cast(p_convert_calibration_id as {{ dbt.type_string() }}) as p_convert_calibration_id
    from moves
)

select * from final
