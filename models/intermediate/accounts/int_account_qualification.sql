-- One row per CRM account on the scoring date: what qualifies it - account fit, engagement of
-- its leads (the top-k lead intents with diminishing weight, so one noisy contact cannot make
-- an account hot), engaged contacts and their breadth, buying-group coverage, account_score,
-- segment and the MQA flag with its reason. Built from intent and CRM data only, never from a
-- lead's fit or total score, so lead rules may read it (int_lead_account_context) without a
-- cycle. account_scores adds the explanations, the trend and the pipeline. Every number
-- comes from seeds/account_settings.csv.
{%- set dbl = lead_scoring.type_double() %}

with

accounts as (
    select account_id, account_name from {{ ref('lead_scoring', 'int_account_attributes') }}
),

fit as (
    select * from {{ ref('lead_scoring', 'int_account_fit_scores') }}
),

contacts as (
    select * from {{ ref('lead_scoring', 'int_account_contacts') }}
),

roles_covered as (
    select * from {{ ref('lead_scoring', 'int_account_roles_covered') }}
),

required_roles as (
    select count(*) as required_roles
    from {{ lead_scoring.settings_table('buying_group_roles') }}
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
        count(distinct case when is_engaged then department end) as engaged_departments,
        count(distinct case when is_engaged then seniority end) as engaged_seniorities,
        sum(intent_score * engagement_weight) as weighted_intent
    from contacts
    group by account_id
),

role_rollup as (
    select
        account_id,
        sum(case when is_required then 1 else 0 end) as required_roles_covered
    from roles_covered
    group by account_id
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
        coalesce(contact_rollup.engaged_departments, 0) as engaged_departments,
        coalesce(contact_rollup.engaged_seniorities, 0) as engaged_seniorities,
        required_roles.required_roles,
        coalesce(role_rollup.required_roles_covered, 0) as required_roles_covered,
        settings.*
    from accounts
    cross join settings
    cross join required_roles
    left join fit
        on accounts.account_id = fit.account_id
    left join contact_rollup
        on accounts.account_id = contact_rollup.account_id
    left join role_rollup
        on accounts.account_id = role_rollup.account_id
),

scored as (
    select
        *,
        fit_weight * account_fit_score + engagement_weight * engagement_score as account_score,
        case
            when required_roles = 0 then cast(0 as {{ dbl }})
            else cast(required_roles_covered as {{ dbl }}) / required_roles
        end as buying_group_coverage
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
        account_fit_score >= mqa_min_fit
        and engagement_score >= mqa_min_engagement
        and engaged_contacts >= mqa_min_engaged_contacts
        and buying_group_coverage >= mqa_min_coverage as is_mqa
    from scored
),

final as (
    select
        account_id,
        account_name,
        cast(account_fit_score as {{ dbl }}) as account_fit_score,
        cast(engagement_score as {{ dbl }}) as engagement_score,
        cast(account_score as {{ dbl }}) as account_score,
        segment,
        is_mqa,
        cast(case
            when is_mqa then 'fit, engagement, engaged contacts and buying group at or above the MQA thresholds'
            when account_fit_score < mqa_min_fit then 'account fit below mqa_min_fit'
            when engagement_score < mqa_min_engagement then 'engagement below mqa_min_engagement'
            when engaged_contacts < mqa_min_engaged_contacts
                then 'fewer engaged contacts than mqa_min_engaged_contacts'
            else 'buying group coverage below mqa_min_coverage'
        end as {{ dbt.type_string() }}) as mqa_reason,
        cast(known_contacts as {{ dbt.type_int() }}) as known_contacts,
        cast(engaged_contacts as {{ dbt.type_int() }}) as engaged_contacts,
        cast(engaged_departments as {{ dbt.type_int() }}) as engaged_departments,
        cast(engaged_seniorities as {{ dbt.type_int() }}) as engaged_seniorities,
        cast(required_roles as {{ dbt.type_int() }}) as required_roles,
        cast(required_roles_covered as {{ dbt.type_int() }}) as required_roles_covered,
        cast(buying_group_coverage as {{ dbl }}) as buying_group_coverage,
        cast(engaged_within_days as {{ dbt.type_int() }}) as engaged_within_days
    from flagged
)

select * from final
