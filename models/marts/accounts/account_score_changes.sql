-- What a reverse-ETL sync of accounts reads: the accounts whose MQA status or segment changed
-- since their previous scoring day in account_score_history (or that are scored for the first
-- time), with old and new values and the kind of change.
{%- set as_of = lead_scoring.as_of_date(var('as_of')) %}

with

history as (
    select * from {{ ref('lead_scoring', 'account_score_history') }}
    where as_of <= {{ as_of }}
),

today as (
    select * from history
    where as_of = {{ as_of }}
),

previous_day as (
    select
        account_id,
        max(as_of) as previous_as_of
    from history
    where as_of < {{ as_of }}
    group by account_id
),

previous as (
    select
        history.account_id,
        history.as_of,
        history.segment,
        history.is_mqa
    from history
    inner join previous_day
        on
            history.account_id = previous_day.account_id
            and history.as_of = previous_day.previous_as_of
),

final as (
    select
        today.account_id,
        today.as_of,
        previous.as_of as previous_as_of,
        cast(case
            when previous.as_of is null then 'new_account'
            when today.is_mqa and not previous.is_mqa then 'became_mqa'
            when previous.is_mqa and not today.is_mqa then 'lost_mqa'
            else 'segment_changed'
        end as {{ dbt.type_string() }}) as change_type,
        previous.segment as previous_segment,
        today.segment,
        previous.is_mqa as previous_is_mqa,
        today.is_mqa,
        today.mqa_reason,
        today.account_score,
        today.top_reasons
    from today
    left join previous
        on today.account_id = previous.account_id
    where
        previous.as_of is null
        or today.is_mqa != previous.is_mqa
        or today.segment != previous.segment
)

select * from final
