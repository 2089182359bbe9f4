-- Does sales follow up an MQA in time? One row per MQA episode of an account (consecutive
-- scoring days of account_score_history as an MQA) with the time to the first sales touch
-- at the account: the first CRM status change, after the episode started, of one of its
-- leads to a stage that means sales worked it (working, sales_accepted, sales_qualified,
-- converted or disqualified), or an opportunity created for the account, whichever comes
-- first. The SLA is mqa_sla_hours of seeds/account_settings.csv. Episodes start at 00:00
-- UTC of their first MQA scoring day (scores are daily), as for mql_sla.
{%- set as_of = lead_scoring.as_of_date(var('as_of')) %}
{%- set dbl = lead_scoring.type_double() %}
{%- set ts = dbt.type_timestamp() %}

with

history as (
    select
        account_id,
        as_of,
        segment,
        is_mqa,
        lag(is_mqa) over (partition by account_id order by as_of) as previous_is_mqa
    from {{ ref('lead_scoring', 'account_score_history') }}
    where as_of <= {{ as_of }}
),

marked as (
    select
        *,
        -- The start of the latest episode begun on or before the row's day.
        max(case when is_mqa and not coalesce(previous_is_mqa, false) then as_of end) over (
            partition by account_id order by as_of rows between unbounded preceding and current row
        ) as last_mqa_start
    from history
),

episode_starts as (
    select account_id, as_of as mqa_started_on, segment as segment_at_mqa
    from marked
    where is_mqa and not coalesce(previous_is_mqa, false)
),

-- The first scoring day without MQA ends the latest episode.
episode_ends as (
    select account_id, last_mqa_start as mqa_started_on, as_of as mqa_ended_on
    from marked
    where not is_mqa and previous_is_mqa
),

matches as (
    select lead_id, account_id
    from {{ ref('lead_scoring', 'int_lead_account_matches') }}
    where account_id is not null
),

touches as (
    select
        matches.account_id,
        status_history.changed_at as touched_at
    from {{ ref('lead_scoring', 'stg_lead_scoring__crm_lead_status_history') }} as status_history
    inner join {{ lead_scoring.settings_table('lead_status_map') }} as status_map
        on status_history.crm_status = status_map.crm_status
    inner join matches
        on status_history.lead_id = matches.lead_id
    where
        status_map.lifecycle_stage in {{ lead_scoring.sales_touch_stages() }}
        and cast(status_history.changed_at as date) <= {{ as_of }}
    union all
    select
        coalesce(opportunities.account_id, matches.account_id) as account_id,
        opportunities.created_at as touched_at
    from {{ ref('lead_scoring', 'stg_lead_scoring__crm_opportunities') }} as opportunities
    left join matches
        on opportunities.lead_id = matches.lead_id
    where cast(opportunities.created_at as date) <= {{ as_of }}
),

first_touches as (
    select
        episode_starts.account_id,
        episode_starts.mqa_started_on,
        min(touches.touched_at) as first_touch_at
    from episode_starts
    inner join touches
        on
            episode_starts.account_id = touches.account_id
            and touches.touched_at >= cast(episode_starts.mqa_started_on as {{ ts }})
    group by episode_starts.account_id, episode_starts.mqa_started_on
),

settings as (
    {{ lead_scoring.setting_columns(
        lead_scoring.settings_table('account_settings'), ['mqa_sla_hours']
    ) | indent(4) }}
),

measured as (
    select
        episode_starts.account_id,
        episode_starts.mqa_started_on,
        episode_ends.mqa_ended_on,
        episode_starts.segment_at_mqa,
        settings.mqa_sla_hours,
        first_touches.first_touch_at,
        cast({{ dbt.datediff(
            'cast(episode_starts.mqa_started_on as ' ~ ts ~ ')', 'first_touches.first_touch_at', 'second'
        ) }} as {{ dbl }}) / 3600 as hours_to_first_touch,
        -- Hours the episode has waited so far, up to the end of the scoring date.
        cast({{ dbt.datediff(
            'cast(episode_starts.mqa_started_on as ' ~ ts ~ ')',
            'cast(' ~ dbt.dateadd('day', 1, as_of) ~ ' as ' ~ ts ~ ')', 'second'
        ) }} as {{ dbl }}) / 3600 as hours_waited
    from episode_starts
    cross join settings
    left join episode_ends
        on
            episode_starts.account_id = episode_ends.account_id
            and episode_starts.mqa_started_on = episode_ends.mqa_started_on
    left join first_touches
        on
            episode_starts.account_id = first_touches.account_id
            and episode_starts.mqa_started_on = first_touches.mqa_started_on
),

final as (
    select
        account_id,
        mqa_started_on,
        mqa_ended_on,
        segment_at_mqa,
        cast(mqa_sla_hours as {{ dbl }}) as sla_hours,
        first_touch_at,
        hours_to_first_touch,
        first_touch_at is not null as is_touched,
        case
            when first_touch_at is not null then hours_to_first_touch > mqa_sla_hours
            else hours_waited > mqa_sla_hours
        end as is_breached
    from measured
)

select * from final
