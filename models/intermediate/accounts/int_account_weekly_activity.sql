{{ config(materialized='view') }}
-- A view: read once, by account_scores.
-- One row per account with scorable engagement events in the 28 days up to the scoring date:
-- the events of the last 7 days and of the 21 days before, counted through the leads
-- matched to the account. The trend of account_scores compares the two (this week against
-- the weekly average of the three before, like 6sense's momentum). Adds up day counts the
-- event state keeps: the frozen days of int_lead_engagement_frozen_days and the open days of
-- int_lead_signal_recent_days, so it reads no events itself.
{%- set week_start = lead_scoring.trailing_period_start(var('as_of'), 7) %}
{%- set period_start = lead_scoring.trailing_period_start(var('as_of'), lead_scoring.trend_period_days()) %}
{%- set as_of = lead_scoring.as_of_date(var('as_of')) %}

with

engagement_days as (
    select lead_id, signal, activity_date, event_count
    from {{ ref('lead_scoring', 'int_lead_engagement_frozen_days') }}
    where activity_date >= cast('{{ period_start }}' as date)
    union all
    select lead_id, signal, activity_date, event_count
    from {{ ref('lead_scoring', 'int_lead_signal_recent_days') }}
    where
        not is_frozen_day
        and activity_date >= cast('{{ period_start }}' as date)
        and activity_date <= {{ as_of }}
),

engagement_signals as (
    select signal from {{ lead_scoring.settings_table('signal_weights') }}
    where is_engagement
),

matches as (
    select lead_id, account_id
    from {{ ref('lead_scoring', 'int_lead_account_matches') }}
    where account_id is not null
),

-- Summed by lead first, then by account: the join to the matches meets one row per engaged
-- lead instead of one per lead, signal and day (at 100M events: 0.8M rows instead of 11M).
by_lead as (
    select
        engagement_days.lead_id,
        sum(
            case
                when engagement_days.activity_date >= cast('{{ week_start }}' as date)
                    then engagement_days.event_count
                else 0
            end
        ) as events_this_week,
        sum(
            case
                when engagement_days.activity_date < cast('{{ week_start }}' as date)
                    then engagement_days.event_count
                else 0
            end
        ) as events_prior_3_weeks
    from engagement_days
    inner join engagement_signals
        on engagement_days.signal = engagement_signals.signal
    group by engagement_days.lead_id
),

final as (
    select
        matches.account_id,
        sum(by_lead.events_this_week) as events_this_week,
        sum(by_lead.events_prior_3_weeks) as events_prior_3_weeks
    from by_lead
    inner join matches
        on by_lead.lead_id = matches.lead_id
    group by matches.account_id
)

select * from final
