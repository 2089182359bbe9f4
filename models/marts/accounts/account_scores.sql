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

-- The reasons, in this order: the two largest positive fit rules, engaged contacts, the
-- buying group, rising activity, an open opportunity, then the largest negative fit rule.
-- Built as columns and joined with concat_ws (which skips nulls) rather than a union of
-- reason rows aggregated again: flagged is read once.
ranked_fit_rules as (
    select
        account_id,
        label,
        points,
        row_number() over (partition by account_id order by points desc, rule_id asc) as positive_rank,
        row_number() over (partition by account_id order by points asc, rule_id asc) as negative_rank
    from fit_rules
    where points <> 0
),

fit_reasons as (
    select
        account_id,
        -- nullif: Spark's ordered list of no values is '' rather than null.
        nullif({{ lead_scoring.ordered_listagg(
            "case when points > 0 and positive_rank <= 2 then label end", "'; '", 'positive_rank'
        ) }}, '') as positive_fit_reasons,
        max(case when points < 0 and negative_rank = 1 then label end) as negative_fit_reason
    from ranked_fit_rules
    where (points > 0 and positive_rank <= 2) or (points < 0 and negative_rank = 1)
    group by account_id
),

explained as (
    select
        flagged.*,
        nullif(concat_ws(
            '; ',
            fit_reasons.positive_fit_reasons,
            case
                when flagged.engaged_contacts > 0
                    then cast(flagged.engaged_contacts as {{ text }}) || ' engaged contact'
                        || case when flagged.engaged_contacts = 1 then '' else 's' end
                        || ' in ' || cast(cast(flagged.engaged_within_days as {{ dbt.type_int() }}) as {{ text }})
                        || ' days'
            end,
            case when flagged.roles_covered is not null then 'Buying group: ' || flagged.roles_covered end,
            case
                when flagged.activity_trend in ('rising', 'new')
                    then 'Activity rising: ' || cast(flagged.events_this_week as {{ text }}) || ' events this week'
            end,
            case when flagged.open_opportunities > 0 then 'Open opportunity' end,
            fit_reasons.negative_fit_reason
        ), '') as top_reasons
    from flagged
    left join fit_reasons
        on flagged.account_id = fit_reasons.account_id
),

final as (
    select
        explained.account_id,
        {{ as_of }} as as_of,
        explained.account_name,
        explained.account_fit_score,
        explained.engagement_score,
        explained.account_score,
        explained.segment,
        explained.is_mqa,
        explained.mqa_reason,
        explained.known_contacts,
        explained.engaged_contacts,
        cast(explained.mql_contacts as {{ dbt.type_int() }}) as mql_contacts,
        explained.engaged_departments,
        explained.engaged_seniorities,
        explained.buying_group_coverage,
        explained.roles_covered,
        explained.roles_missing,
        cast(explained.events_this_week as {{ dbt.type_int() }}) as events_this_week,
        cast(explained.events_prior_3_weeks as {{ dbt.type_int() }}) as events_prior_3_weeks,
        cast(explained.activity_trend_ratio as {{ dbl }}) as activity_trend_ratio,
        explained.activity_trend,
        explained.open_opportunities > 0 as has_open_opportunity,
        cast(explained.open_pipeline_amount as {{ dbl }}) as open_pipeline_amount,
        explained.top_reasons
    from explained
)

select * from final
