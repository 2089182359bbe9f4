-- One row per scored lead matched to an account (int_lead_account_matches), with what the
-- account roll-up needs: its intent score on the scoring date, whether it is engaged (last
-- engagement event at most engaged_within_days old), its seniority and department, and its
-- rank among the account's leads by intent with the weight it gets in the account's
-- engagement (decay^(rank - 1) for the top k, 0 after): one noisy contact cannot carry an
-- account, because the others it would need are not there. Intent and activity only, never
-- the fit or total score: lead fit may inherit account context (int_lead_account_context),
-- which is computed from this model.

with

matches as (
    select lead_id, account_id, match_method
    from {{ ref('lead_scoring', 'int_lead_account_matches') }}
    where account_id is not null
),

intent as (
    select lead_id, intent_score from {{ ref('lead_scoring', 'intent_scores') }}
),

attributes as (
    select lead_id, seniority, department, days_since_last_activity
    from {{ ref('lead_scoring', 'int_lead_attributes') }}
),

settings as (
    {{ lead_scoring.setting_columns(
        lead_scoring.settings_table('account_settings'),
        ['engagement_top_k', 'engagement_rank_decay', 'engaged_within_days']
    ) | indent(4) }}
),

ranked as (
    select
        matches.account_id,
        matches.lead_id,
        matches.match_method,
        intent.intent_score,
        attributes.seniority,
        attributes.department,
        coalesce(attributes.days_since_last_activity <= settings.engaged_within_days, false) as is_engaged,
        row_number() over (
            partition by matches.account_id
            order by intent.intent_score desc, matches.lead_id asc
        ) as intent_rank,
        settings.engagement_top_k,
        settings.engagement_rank_decay
    from matches
    inner join intent
        on matches.lead_id = intent.lead_id
    left join attributes
        on matches.lead_id = attributes.lead_id
    cross join settings
),

final as (
    select
        account_id,
        lead_id,
        match_method,
        intent_score,
        seniority,
        department,
        is_engaged,
        intent_rank,
        case
            when intent_rank <= engagement_top_k then power(engagement_rank_decay, intent_rank - 1)
            else cast(0 as {{ lead_scoring.type_double() }})
        end as engagement_weight
    from ranked
)

select * from final
