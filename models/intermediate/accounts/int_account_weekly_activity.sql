-- One row per account with scorable engagement events in the 28 days up to the scoring date:
-- the events of the last 7 days and of the 21 days before, counted through the leads
-- matched to the account. The trend of account_scores compares the two (this week against
-- the weekly average of the three before, like 6sense's momentum). Reads only those 28 days
-- of events (macro mapped_events), deduplicated and mapped as everywhere else.
{%- set scoring_day = modules.datetime.datetime.strptime(lead_scoring.as_of_value(var('as_of')), '%Y-%m-%d') %}
{%- set week_start = (scoring_day - modules.datetime.timedelta(days=6)).strftime('%Y-%m-%d') %}
{%- set period_start = (scoring_day - modules.datetime.timedelta(days=27)).strftime('%Y-%m-%d') %}
{%- set period_end = (scoring_day + modules.datetime.timedelta(days=1)).strftime('%Y-%m-%d') %}

with

events as (
    select lead_id, signal, activity_date
    from ({{ lead_scoring.mapped_events(
        "occurred_at >= cast('" ~ period_start ~ "' as " ~ dbt.type_timestamp() ~ ")"
        ~ " and occurred_at < cast('" ~ period_end ~ "' as " ~ dbt.type_timestamp() ~ ")"
    ) }}) as mapped_events
    where quarantine_reason is null
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

final as (
    select
        matches.account_id,
        sum(case when events.activity_date >= cast('{{ week_start }}' as date) then 1 else 0 end) as events_this_week,
        sum(case when events.activity_date < cast('{{ week_start }}' as date) then 1 else 0 end) as events_prior_3_weeks
    from events
    inner join engagement_signals
        on events.signal = engagement_signals.signal
    inner join matches
        on events.lead_id = matches.lead_id
    group by matches.account_id
)

select * from final
