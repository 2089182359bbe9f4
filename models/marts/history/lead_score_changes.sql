-- What a reverse-ETL sync to the CRM reads: the leads whose segment, MQL or SQL status
-- or top reasons changed since their previous scoring day, with old and new values.
{%- set as_of = lead_scoring.as_of_date(var('as_of')) %}

with

history as (
    select
        lead_id,
        as_of,
        total_score,
        segment,
        is_mql,
        is_sql,
        top_reasons,
        lag(as_of) over (partition by lead_id order by as_of) as previous_as_of,
        lag(segment) over (partition by lead_id order by as_of) as previous_segment,
        lag(is_mql) over (partition by lead_id order by as_of) as previous_is_mql,
        lag(is_sql) over (partition by lead_id order by as_of) as previous_is_sql,
        lag(top_reasons) over (partition by lead_id order by as_of) as previous_top_reasons
    from {{ ref('lead_scoring', 'lead_score_history') }}
    where as_of <= {{ as_of }}
),

today as (
    select * from history
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
        total_score
    from today
    where
        previous_as_of is null
        or segment != previous_segment
        or is_mql != previous_is_mql
        or is_sql != previous_is_sql
        or coalesce(top_reasons, '') != coalesce(previous_top_reasons, '')
)

select * from final
