-- One row per CRM account on the scoring date: account fit (firmographic rules as data),
-- engagement of its leads (the top-k lead intents with diminishing weight, so one noisy
-- contact cannot make an account hot), engaged contacts and their breadth, buying-group
-- coverage, this week's activity against the three weeks before, the MQA flag with its
-- reason, a segment, top reasons and open pipeline. Leads count for the account they are
-- matched to (int_lead_account_matches). Every number comes from seeds/account_settings.csv.
{%- set as_of = lead_scoring.as_of_date(var('as_of')) %}
{%- set scoring_day = modules.datetime.datetime.strptime(lead_scoring.as_of_value(var('as_of')), '%Y-%m-%d') %}
{%- set next_day = (scoring_day + modules.datetime.timedelta(days=1)).strftime('%Y-%m-%d') %}
{%- set day_after = "cast('" ~ next_day ~ "' as " ~ dbt.type_timestamp() ~ ")" %}
{%- set dbl = lead_scoring.type_double() %}
{%- set text = dbt.type_string() %}

with

accounts as (
    select account_id, account_name from {{ ref('lead_scoring', 'int_account_attributes') }}
),

fit as (
    select * from {{ ref('lead_scoring', 'int_account_fit_scores') }}
),

fit_rules as (
    select * from {{ ref('lead_scoring', 'int_account_rules_evaluated') }}
),

contacts as (
    select * from {{ ref('lead_scoring', 'int_account_contacts') }}
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
        lead_scoring.settings_table('account_settings'), lead_scoring.account_setting_names()
    ) | indent(4) }}
),

contact_rollup as (
    select
        account_id,
        count(*) as known_contacts,
        sum(case when is_engaged then 1 else 0 end) as engaged_contacts,
        sum(case when is_mql then 1 else 0 end) as mql_contacts,
        count(distinct case when is_engaged then department end) as engaged_departments,
        count(distinct case when is_engaged then seniority end) as engaged_seniorities,
        sum(intent_score * engagement_weight) as weighted_intent
    from contacts
    group by account_id
),

role_rollup as (
    select
        account_id,
        sum(case when is_required then 1 else 0 end) as required_roles_covered,
        {{ lead_scoring.ordered_listagg('label', "', '", 'role') }} as roles_covered
    from roles_covered
    group by account_id
),

roles_missing as (
    select
        accounts.account_id,
        {{ lead_scoring.ordered_listagg('required_roles.label', "', '", 'required_roles.role') }} as roles_missing
    from accounts
    cross join required_roles
    left join roles_covered
        on
            accounts.account_id = roles_covered.account_id
            and required_roles.role = roles_covered.role
    where roles_covered.role is null
    group by accounts.account_id
),

-- Opportunities open on the scoring date (created by then, not closed by then), tied to an
-- account directly or through their lead's match.
open_opportunities as (
    select
        coalesce(opportunities.account_id, matches.account_id) as account_id,
        count(*) as open_opportunities,
        sum(coalesce(opportunities.amount, 0)) as open_pipeline_amount
    from {{ ref('lead_scoring', 'stg_lead_scoring__crm_opportunities') }} as opportunities
    left join {{ ref('lead_scoring', 'int_lead_account_matches') }} as matches
        on opportunities.lead_id = matches.lead_id
    where
        opportunities.created_at < {{ day_after }}
        and (not opportunities.is_closed or opportunities.closed_at >= {{ day_after }})
    group by coalesce(opportunities.account_id, matches.account_id)
),

measured as (
    select
        accounts.account_id,
        accounts.account_name,
        fit.account_fit_score,
        -- The weighted top-k intents over the most they could be (every one of k leads at
        -- 100): 0-100.
        100 * coalesce(contact_rollup.weighted_intent, 0) / (100 * {{ lead_scoring.geometric_weight_sum(
            'settings.engagement_rank_decay', 'settings.engagement_top_k'
        ) }}) as engagement_score,
        coalesce(contact_rollup.known_contacts, 0) as known_contacts,
        coalesce(contact_rollup.engaged_contacts, 0) as engaged_contacts,
        coalesce(contact_rollup.mql_contacts, 0) as mql_contacts,
        coalesce(contact_rollup.engaged_departments, 0) as engaged_departments,
        coalesce(contact_rollup.engaged_seniorities, 0) as engaged_seniorities,
        (select count(*) from required_roles) as required_roles,
        coalesce(role_rollup.required_roles_covered, 0) as required_roles_covered,
        role_rollup.roles_covered,
        roles_missing.roles_missing,
        coalesce(weekly_activity.events_this_week, 0) as events_this_week,
        coalesce(weekly_activity.events_prior_3_weeks, 0) as events_prior_3_weeks,
        coalesce(open_opportunities.open_opportunities, 0) as open_opportunities,
        coalesce(open_opportunities.open_pipeline_amount, 0) as open_pipeline_amount,
        settings.*
    from accounts
    cross join settings
    left join fit
        on accounts.account_id = fit.account_id
    left join contact_rollup
        on accounts.account_id = contact_rollup.account_id
    left join role_rollup
        on accounts.account_id = role_rollup.account_id
    left join roles_missing
        on accounts.account_id = roles_missing.account_id
    left join weekly_activity
        on accounts.account_id = weekly_activity.account_id
    left join open_opportunities
        on accounts.account_id = open_opportunities.account_id
),

scored as (
    select
        *,
        fit_weight * account_fit_score + engagement_weight * engagement_score as account_score,
        case
            when required_roles = 0 then cast(0 as {{ dbl }})
            else cast(required_roles_covered as {{ dbl }}) / required_roles
        end as buying_group_coverage,
        case
            when events_prior_3_weeks > 0 then events_this_week / (events_prior_3_weeks / 3.0)
        end as activity_trend_ratio
    from measured
),

flagged as (
    select
        *,
        case
            when account_score >= segment_a_min then 'A'
            when account_score >= segment_b_min then 'B'
            else 'C'
        end as segment,
        case
            when events_this_week = 0 and events_prior_3_weeks = 0 then 'quiet'
            when events_prior_3_weeks = 0 then 'new'
            when activity_trend_ratio >= trend_rising_ratio then 'rising'
            when activity_trend_ratio <= trend_falling_ratio then 'falling'
            else 'steady'
        end as activity_trend,
        account_fit_score >= mqa_min_fit
        and engagement_score >= mqa_min_engagement
        and engaged_contacts >= mqa_min_engaged_contacts
        and buying_group_coverage >= mqa_min_coverage as is_mqa
    from scored
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
        cast(flagged.account_fit_score as {{ dbl }}) as account_fit_score,
        cast(flagged.engagement_score as {{ dbl }}) as engagement_score,
        cast(flagged.account_score as {{ dbl }}) as account_score,
        flagged.segment,
        flagged.is_mqa,
        cast(case
            when flagged.is_mqa then 'fit, engagement, engaged contacts and buying group at or above the MQA thresholds'
            when flagged.account_fit_score < flagged.mqa_min_fit then 'account fit below mqa_min_fit'
            when flagged.engagement_score < flagged.mqa_min_engagement then 'engagement below mqa_min_engagement'
            when flagged.engaged_contacts < flagged.mqa_min_engaged_contacts
                then 'fewer engaged contacts than mqa_min_engaged_contacts'
            else 'buying group coverage below mqa_min_coverage'
        end as {{ text }}) as mqa_reason,
        cast(flagged.known_contacts as {{ dbt.type_int() }}) as known_contacts,
        cast(flagged.engaged_contacts as {{ dbt.type_int() }}) as engaged_contacts,
        cast(flagged.mql_contacts as {{ dbt.type_int() }}) as mql_contacts,
        cast(flagged.engaged_departments as {{ dbt.type_int() }}) as engaged_departments,
        cast(flagged.engaged_seniorities as {{ dbt.type_int() }}) as engaged_seniorities,
        cast(flagged.buying_group_coverage as {{ dbl }}) as buying_group_coverage,
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
