-- One row per scored lead matched to an account (int_lead_account_matches), with what the
-- account roll-up needs: its live scores on the scoring date, whether it is engaged (last
-- engagement event at most engaged_within_days old), its seniority and department, and its
-- rank among the account's leads by intent with the weight it gets in the account's
-- engagement (decay^(rank - 1) for the top k, 0 after): one noisy contact cannot carry an
-- account, because the others it would need are not there.

with

matches as (
    select lead_id, account_id, match_method
    from {{ ref('lead_scoring', 'int_lead_account_matches') }}
    where account_id is not null
),

lead_scores as (
    select lead_id, fit_score, intent_score, is_mql, days_since_last_activity
    from {{ ref('lead_scoring', 'lead_scores_current') }}
),

attributes as (
    select lead_id, seniority, department from {{ ref('lead_scoring', 'int_lead_attributes') }}
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
        lead_scores.fit_score,
        lead_scores.intent_score,
        lead_scores.is_mql,
        attributes.seniority,
        attributes.department,
        coalesce(lead_scores.days_since_last_activity <= settings.engaged_within_days, false) as is_engaged,
        row_number() over (
            partition by matches.account_id
            order by lead_scores.intent_score desc, matches.lead_id asc
        ) as intent_rank,
        settings.engagement_top_k,
        settings.engagement_rank_decay
    from matches
    inner join lead_scores
        on matches.lead_id = lead_scores.lead_id
    left join attributes
        on matches.lead_id = attributes.lead_id
    cross join settings
),

final as (
    select
        account_id,
        lead_id,
        match_method,
        fit_score,
        intent_score,
        is_mql,
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
