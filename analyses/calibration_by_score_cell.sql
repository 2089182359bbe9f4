-- Calibration: does the score predict outcomes? For each fit x intent cell, the
-- leads, how many have an opportunity (their own or their account's), and how many
-- of those were won. Run after a build: dbt compile -s calibration_by_score_cell,
-- then run the compiled SQL. Cells whose win rate does not fall from A1 to D4 point
-- at rules to re-weight. Caution: it sets today's scores against every outcome, earlier and
-- later ones alike (look-ahead), so it flatters the scores; read it as a rough check only.

with

lead_scores as (
    select * from {{ ref('lead_scoring', 'lead_scores') }}
),

opportunities as (
    select * from {{ ref('lead_scoring', 'stg_lead_scoring__crm_opportunities') }}
),

lead_outcomes as (
    select
        lead_scores.lead_id,
        lead_scores.score_cell,
        lead_scores.segment,
        max(case when opportunities.opportunity_id is not null then 1 else 0 end) as has_opportunity,
        max(case when opportunities.is_won then 1 else 0 end) as has_won
    from lead_scores
    left join opportunities
        on
            lead_scores.lead_id = opportunities.lead_id
            or (opportunities.lead_id is null and lead_scores.account_id = opportunities.account_id)
    group by lead_scores.lead_id, lead_scores.score_cell, lead_scores.segment
),

final as (
    select
        score_cell,
        count(*) as leads,
        sum(has_opportunity) as leads_with_opportunity,
        sum(has_won) as leads_won,
        round(cast(sum(has_won) as {{ lead_scoring.type_double() }}) / count(*), 4) as win_rate
    from lead_outcomes
    group by score_cell
)

select * from final
order by score_cell
