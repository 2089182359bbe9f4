-- What a reverse-ETL sync to the CRM reads: the leads whose segment, MQL or SQL status
-- or top reasons changed since their previous scoring day, with old and new values. The
-- reasons count as changed when their rule ids or order change (top_reason_ids), not when
-- only their points or ages move: decay moves those every day for every active lead, and a
-- sync would push thousands of pointless CRM updates.
-- The previous day's values come with each row of lead_score_timeline; the reasons' text of
-- the two days from lead_score_history, for the listed leads only (the timeline keeps the
-- rule ids, not the text).
-- A view: a filter of one day of the timeline and two days of the history's text (0.3 s
-- at 1M leads), which costs less where it is read than writing it every day would
-- (dbt_project.yml; docs/how-it-works.md).
{%- set as_of = lead_scoring.as_of_date(var('as_of')) %}

with

-- The scoring date's rows of the timeline whose segment, flags or reasons' rule ids moved.
changed as (
    select * from {{ ref('lead_scoring', 'lead_score_timeline') }}
    where
        as_of = {{ as_of }}
        and (
            previous_as_of is null
            or segment != previous_segment
            or is_mql != previous_is_mql
            or is_sql != previous_is_sql
            or coalesce(top_reason_ids, '') != coalesce(previous_top_reason_ids, '')
        )
),

-- The reasons' text of the two days from the history, each scan with its own filter so
-- that it reads only those days (the history's days are stored in order): the scoring
-- date, and the previous scoring days of the listed leads (nearly always one day), which
-- the join below hands to the scan as a filter.
scoring_day as (
    select lead_id, top_reasons from {{ ref('lead_scoring', 'lead_score_history') }}
    where as_of = {{ as_of }}
),

previous_days as (
    select distinct previous_as_of from changed
    where previous_as_of is not null
),

previous_day as (
    select
        history.lead_id,
        history.as_of,
        history.top_reasons
    from {{ ref('lead_scoring', 'lead_score_history') }} as history
    inner join previous_days
        on history.as_of = previous_days.previous_as_of
),

final as (
    select
        changed.lead_id,
        changed.as_of,
        changed.previous_as_of,
        changed.previous_as_of is null as is_new_lead,
        changed.previous_segment,
        changed.segment,
        changed.previous_is_mql,
        changed.is_mql,
        changed.previous_is_sql,
        changed.is_sql,
        previous_day.top_reasons as previous_top_reasons,
        scoring_day.top_reasons,
        changed.previous_top_reason_ids,
        changed.top_reason_ids,
        changed.total_score
    from changed
    left join scoring_day
        on changed.lead_id = scoring_day.lead_id
    left join previous_day
        on
            changed.lead_id = previous_day.lead_id
            and changed.previous_as_of = previous_day.as_of
)

select * from final
