-- What a reverse-ETL sync to the CRM reads: the leads whose segment, MQL or SQL status
-- or top reasons changed since their previous scoring day, with old and new values. The
-- reasons count as changed when their rule ids or order change (top_reason_ids), not when
-- only their points or ages move: decay moves those every day for every active lead, and a
-- sync would push thousands of pointless CRM updates.
-- The previous day's values come with each row of lead_score_timeline.
-- A view: a filter of one day of the timeline (0.3 s at 1M leads), which costs less where it
-- is read than writing it every day would (dbt_project.yml; docs/how-it-works.md).
{%- set as_of = lead_scoring.as_of_date(var('as_of')) %}

with

today as (
    select * from {{ ref('lead_scoring', 'lead_score_timeline') }}
    where as_of = {{ as_of }}
),

final as (
    select
        lead_id,
        as_of,
        previous_as_of,
        previous_as_of is null as is_new_lead,
        previous_segment,
        segment,
        previous_is_mql,
        is_mql,
        previous_is_sql,
        is_sql,
        previous_top_reasons,
        top_reasons,
        previous_top_reason_ids,
        top_reason_ids,
        total_score
    from today
    where
        previous_as_of is null
        or segment != previous_segment
        or is_mql != previous_is_mql
        or is_sql != previous_is_sql
        or coalesce(top_reason_ids, '') != coalesce(previous_top_reason_ids, '')
)

select * from final
