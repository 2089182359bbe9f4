{{ config(
    materialized=lead_scoring.event_state_materialization(),
    unique_key='as_of',
    incremental_strategy='delete+insert',
    on_schema_change='sync_all_columns',
    pre_hook="{{ lead_scoring.timeline_pre_hook(var('as_of')) }}",
) }}
-- New columns (as top_reason_ids once was) are appended, rows derived before them keep nulls;
-- columns it no longer derives are dropped (the reasons' text, which lead_score_history keeps).
-- lead_score_history with each lead's previous scoring day and running markers (first
-- MQL day, start of the latest MQL episode and of the latest run in one segment, SQL
-- since that MQL start), so that lead_scores, lead_score_changes and mql_sla read one
-- row per lead and day instead of sorting the whole history every day. Of the top reasons
-- it keeps the rule ids (what lead_score_changes compares), not the text: the history
-- holds that, and writing it twice more a day (today's and the previous day's) was nearly
-- half of the timeline's daily write (0.7 of 1.5-1.7 s at 1M leads).
-- A rebuild (first build, --full-refresh, Spark, history changed before the days to
-- derive) derives every day with window functions. A fold derives only the days from
-- the scoring date, or from the first history day not yet derived if that is earlier,
-- carrying on from each lead's latest derived row before them: the running markers are
-- a minimum and maxima (SQL since the MQL start is "the latest SQL day is not before
-- it"), so a stored row stands for every day before it.
{%- set plan = lead_scoring.timeline_plan(var('as_of')) %}
{%- set carry = plan.mode == 'fold' and plan.carried_day is not none %}
{%- set window_by_lead = 'partition by lead_id order by as_of rows between unbounded preceding and current row' %}

with

history as (
    select
        lead_id,
        as_of,
        total_score,
        segment,
        is_mql,
        is_sql,
        top_reason_ids
    from {{ ref('lead_scoring', 'lead_score_history') }}
    {%- if plan.mode == 'fold' %}
        where as_of >= cast('{{ plan.derive_from }}' as date)
    {%- endif %}
),

{%- if carry %}

    -- Each lead's latest derived row before the days derived now: nearly always on the
    -- last derived day (a literal, so the scan reads that day only); a lead missing that
    -- day is looked up further back.
    on_last_day as (
        select * from {{ this }}
        where as_of = cast('{{ plan.carried_day }}' as date)
    ),

    missing_leads as (
        select distinct history.lead_id
        from history
        left join on_last_day
            on history.lead_id = on_last_day.lead_id
        where on_last_day.lead_id is null
    ),

    further_back as (
        select *
        from (
            select
                stored.*,
                row_number() over (partition by stored.lead_id order by stored.as_of desc) as recency
            from {{ this }} as stored
            inner join missing_leads
                on stored.lead_id = missing_leads.lead_id
            where stored.as_of < cast('{{ plan.carried_day }}' as date)
        ) as ranked
        where recency = 1
    ),

    -- One carried row per lead that has one: what both ways of deriving below start from.
    carried as (
        {%- for carried in ['on_last_day', 'further_back'] %}
            select
                lead_id,
                as_of,
                total_score,
                segment,
                is_mql,
                is_sql,
                top_reason_ids,
                first_mql_on,
                last_mql_start,
                last_segment_start,
                has_sql_since_mql_start
            from {{ carried }}
            {%- if not loop.last %}
                union all
            {%- endif %}
        {%- endfor %}
    ),

{%- endif %}

{%- if carry and plan.single_day %}

    -- The daily case, one day to derive: each row next to its lead's carried row, so the
    -- window functions below come down to one step (at 1M leads 0.8 s instead of 3.2 s;
    -- pytests/test_timeline.py checks both paths against the same reference).
    running as (
        select
            history.*,
            carried.as_of as previous_as_of,
            carried.segment as previous_segment,
            carried.is_mql as previous_is_mql,
            carried.is_sql as previous_is_sql,
            carried.top_reason_ids as previous_top_reason_ids,
            -- The carried markers stand for every day before; the day's own mark is later.
            coalesce(carried.first_mql_on, case when history.is_mql then history.as_of end) as first_mql_on,
            case
                when history.is_mql and not coalesce(carried.is_mql, false) then history.as_of
                else carried.last_mql_start
            end as last_mql_start,
            case
                when carried.segment is null or carried.segment != history.segment then history.as_of
                else carried.last_segment_start
            end as last_segment_start,
            case
                when history.is_sql then history.as_of
                when carried.has_sql_since_mql_start then carried.last_mql_start
            end as last_sql_day,
            false as is_carried
        from history
        left join carried
            on history.lead_id = carried.lead_id
    ),

{%- else %}

    -- The rows to derive, after the carried row of their lead when folding (is_carried).
    derived_rows as (
        select
            lead_id,
            as_of,
            total_score,
            segment,
            is_mql,
            is_sql,
            top_reason_ids,
            false as is_carried,
            cast(null as date) as carried_first_mql_on,
            cast(null as date) as carried_last_mql_start,
            cast(null as date) as carried_last_segment_start,
            cast(null as {{ dbt.type_boolean() }}) as carried_has_sql
        from history
        {%- if carry %}
            union all
            select
                lead_id,
                as_of,
                total_score,
                segment,
                is_mql,
                is_sql,
                top_reason_ids,
                true as is_carried,
                first_mql_on as carried_first_mql_on,
                last_mql_start as carried_last_mql_start,
                last_segment_start as carried_last_segment_start,
                has_sql_since_mql_start as carried_has_sql
            from carried
        {%- endif %}
    ),

    with_previous as (
        select
            *,
            lag(as_of) over (partition by lead_id order by as_of) as previous_as_of,
            lag(segment) over (partition by lead_id order by as_of) as previous_segment,
            lag(is_mql) over (partition by lead_id order by as_of) as previous_is_mql,
            lag(is_sql) over (partition by lead_id order by as_of) as previous_is_sql,
            lag(top_reason_ids) over (partition by lead_id order by as_of) as previous_top_reason_ids
        from derived_rows
    ),

    -- What each row adds to the running markers; a carried row adds its stored markers.
    marks as (
        select
            *,
            case
                when is_carried then carried_first_mql_on
                when is_mql then as_of
            end as mql_day,
            case
                when is_carried then carried_last_mql_start
                when is_mql and not coalesce(previous_is_mql, false) then as_of
            end as mql_start,
            case
                when is_carried then carried_last_segment_start
                when previous_segment is null or previous_segment != segment then as_of
            end as segment_start,
            -- A carried row with SQL since its episode start passes on that start: a day
            -- inside the episode, which is all has_sql_since_mql_start needs to know.
            case
                when is_carried then case when carried_has_sql then carried_last_mql_start end
                when is_sql then as_of
            end as sql_day
        from with_previous
    ),

    running as (
        select
            *,
            min(mql_day) over ({{ window_by_lead }}) as first_mql_on,
            max(mql_start) over ({{ window_by_lead }}) as last_mql_start,
            max(segment_start) over ({{ window_by_lead }}) as last_segment_start,
            max(sql_day) over ({{ window_by_lead }}) as last_sql_day
        from marks
    ),

{%- endif %}

final as (
    select
        lead_id,
        as_of,
        total_score,
        segment,
        is_mql,
        is_sql,
        top_reason_ids,
        previous_as_of,
        previous_segment,
        previous_is_mql,
        previous_is_sql,
        previous_top_reason_ids,
        first_mql_on,
        last_mql_start,
        last_segment_start,
        case
            when last_mql_start is not null then coalesce(last_sql_day >= last_mql_start, false)
        end as has_sql_since_mql_start
    from running
    -- After the window functions: the carried rows only pass their markers on.
    where not is_carried
)

select * from final
{%- if plan.mode == 'rebuild' and target.type != 'spark' %}
    -- Stored day by day, like the folds append them, so that a fold's read of one day
    -- skips the other days (on Spark the timeline is rebuilt on every run, unsorted).
    order by as_of
{%- endif %}
