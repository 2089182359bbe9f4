-- One row per CRM account on the scoring date: what qualifies it (int_account_qualification:
-- account fit, engagement of its leads as the top-k lead intents with diminishing weight,
-- engaged contacts and their breadth, buying-group coverage, segment, MQA with its reason),
-- the roles covered and missing, this week's activity against the three weeks before, MQL
-- contacts, top reasons and open pipeline. Leads count for the account they are matched to
-- (int_lead_account_matches). Every number comes from seeds/account_settings.csv.
{%- set as_of = lead_scoring.as_of_date(var('as_of')) %}
{%- set scoring_day = modules.datetime.datetime.strptime(lead_scoring.as_of_value(var('as_of')), '%Y-%m-%d') %}
{%- set next_day = (scoring_day + modules.datetime.timedelta(days=1)).strftime('%Y-%m-%d') %}
{%- set day_after = "cast('" ~ next_day ~ "' as " ~ dbt.type_timestamp() ~ ")" %}
{%- set dbl = lead_scoring.type_double() %}
{%- set text = dbt.type_string() %}

with

qualification as (
    select * from {{ ref('lead_scoring', 'int_account_qualification') }}
),

fit_rules as (
    select * from {{ ref('lead_scoring', 'int_account_rules_evaluated') }}
),

matches as (
    select lead_id, account_id
    from {{ ref('lead_scoring', 'int_lead_account_matches') }}
    where account_id is not null
),

roles_covered as (
    select * from {{ ref('lead_scoring', 'int_account_roles_covered') }}
),

weekly_activity as (
    select * from {{ ref('lead_scoring', 'int_account_weekly_activity') }}
),

required_roles as (
    select role, label from {{ lead_scoring.settings_table('buying_group_roles') }}
    where is_required
),

settings as (
    {{ lead_scoring.setting_columns(
        lead_scoring.settings_table('account_settings'), ['trend_rising_ratio', 'trend_falling_ratio']
    ) | indent(4) }}
),

mql_rollup as (
    select
        matches.account_id,
        sum(case when lead_scores.is_mql then 1 else 0 end) as mql_contacts
    from matches
    inner join {{ ref('lead_scoring', 'lead_scores_current') }} as lead_scores
        on matches.lead_id = lead_scores.lead_id
    group by matches.account_id
),

role_rollup as (
    select
        account_id,
        {{ lead_scoring.ordered_listagg('label', "', '", 'role') }} as roles_covered
    from roles_covered
    group by account_id
),

roles_missing as (
    select
        qualification.account_id,
        {{ lead_scoring.ordered_listagg('required_roles.label', "', '", 'required_roles.role') }} as roles_missing
    from qualification
    cross join required_roles
    left join roles_covered
        on
            qualification.account_id = roles_covered.account_id
            and required_roles.role = roles_covered.role
    where roles_covered.role is null
    group by qualification.account_id
),

-- Opportunities open on the scoring date (created by then, not closed by then), tied to an
-- account directly or through their lead's match.
open_opportunities as (
    select
        coalesce(opportunities.account_id, matches.account_id) as account_id,
        count(*) as open_opportunities,
        sum(coalesce(opportunities.amount, 0)) as open_pipeline_amount
    from {{ ref('lead_scoring', 'stg_lead_scoring__crm_opportunities') }} as opportunities
    left join matches
        on opportunities.lead_id = matches.lead_id
    where
        opportunities.created_at < {{ day_after }}
        and (not opportunities.is_closed or opportunities.closed_at >= {{ day_after }})
    group by coalesce(opportunities.account_id, matches.account_id)
),

measured as (
    select
        qualification.*,
        coalesce(mql_rollup.mql_contacts, 0) as mql_contacts,
        role_rollup.roles_covered,
        roles_missing.roles_missing,
        coalesce(weekly_activity.events_this_week, 0) as events_this_week,
        coalesce(weekly_activity.events_prior_3_weeks, 0) as events_prior_3_weeks,
        case
            when weekly_activity.events_prior_3_weeks > 0
                then weekly_activity.events_this_week / (weekly_activity.events_prior_3_weeks / 3.0)
        end as activity_trend_ratio,
        coalesce(open_opportunities.open_opportunities, 0) as open_opportunities,
        coalesce(open_opportunities.open_pipeline_amount, 0) as open_pipeline_amount,
        settings.trend_rising_ratio,
        settings.trend_falling_ratio
    from qualification
    cross join settings
    left join mql_rollup
        on qualification.account_id = mql_rollup.account_id
    left join role_rollup
        on qualification.account_id = role_rollup.account_id
    left join roles_missing
        on qualification.account_id = roles_missing.account_id
    left join weekly_activity
        on qualification.account_id = weekly_activity.account_id
    left join open_opportunities
        on qualification.account_id = open_opportunities.account_id
),

flagged as (
    select
        *,
        case
            when events_this_week = 0 and events_prior_3_weeks = 0 then 'quiet'
            when events_prior_3_weeks = 0 then 'new'
            when activity_trend_ratio >= trend_rising_ratio then 'rising'
            when activity_trend_ratio <= trend_falling_ratio then 'falling'
            else 'steady'
        end as activity_trend
    from measured
),

reasons as (
    select account_id, rank_in_reasons, reason_text
    from (
        select
            account_id,
            label as reason_text,
            row_number() over (partition by account_id order by points desc, rule_id asc) as rank_in_reasons
        from fit_rules
        where points > 0
    ) as positive_fit
    where rank_in_reasons <= 2
    union all
    select
        account_id,
        10 as rank_in_reasons,
        cast(engaged_contacts as {{ text }}) || ' engaged contact'
        || case when engaged_contacts = 1 then '' else 's' end
        || ' in ' || cast(cast(engaged_within_days as {{ dbt.type_int() }}) as {{ text }}) || ' days' as reason_text
    from flagged
    where engaged_contacts > 0
    union all
    select account_id, 11 as rank_in_reasons, 'Buying group: ' || roles_covered as reason_text
    from flagged
    where roles_covered is not null
    union all
    select
        account_id,
        12 as rank_in_reasons,
        'Activity rising: ' || cast(events_this_week as {{ text }}) || ' events this week' as reason_text
    from flagged
    where activity_trend in ('rising', 'new')
    union all
    select account_id, 13 as rank_in_reasons, 'Open opportunity' as reason_text
    from flagged
    where open_opportunities > 0
    union all
    select account_id, rank_in_reasons, reason_text
    from (
        select
            account_id,
            label as reason_text,
            20 + row_number() over (partition by account_id order by points asc, rule_id asc) as rank_in_reasons
        from fit_rules
        where points < 0
    ) as negative_fit
    where rank_in_reasons = 21
),

reason_lists as (
    select
        account_id,
        {{ lead_scoring.ordered_listagg('reason_text', "'; '", 'rank_in_reasons') }} as top_reasons
    from reasons
    group by account_id
),

final as (
    select
        flagged.account_id,
        {{ as_of }} as as_of,
        flagged.account_name,
        flagged.account_fit_score,
        flagged.engagement_score,
        flagged.account_score,
        flagged.segment,
        flagged.is_mqa,
        flagged.mqa_reason,
        flagged.known_contacts,
        flagged.engaged_contacts,
        cast(flagged.mql_contacts as {{ dbt.type_int() }}) as mql_contacts,
        flagged.engaged_departments,
        flagged.engaged_seniorities,
        flagged.buying_group_coverage,
        flagged.roles_covered,
        flagged.roles_missing,
        cast(flagged.events_this_week as {{ dbt.type_int() }}) as events_this_week,
        cast(flagged.events_prior_3_weeks as {{ dbt.type_int() }}) as events_prior_3_weeks,
        cast(flagged.activity_trend_ratio as {{ dbl }}) as activity_trend_ratio,
        flagged.activity_trend,
        flagged.open_opportunities > 0 as has_open_opportunity,
        cast(flagged.open_pipeline_amount as {{ dbl }}) as open_pipeline_amount,
        reason_lists.top_reasons
    from flagged
    left join reason_lists
        on flagged.account_id = reason_lists.account_id
)

select * from final
