-- Thresholds sized to sales capacity: one row per model, milestone, horizon and population.
-- Over the backtest, a lead is handed to sales at a threshold t on a snapshot day when its
-- total_score reached t that day and was below t on the previous snapshot day (or the lead
-- is new). suggested_min_total is the lowest whole-point threshold that would have handed
-- sales no more new leads per week than seeds/sales_capacity.csv allows, with the conversion
-- of those leads; beside it the configured MQL threshold (mql_min_total, the score rule
-- without its ICP gate) and what it handed over. The first snapshot day has no previous day
-- and only counts as one.
{%- set dbl = lead_scoring.type_double() %}

with

labeled as (
    select * from {{ ref('lead_scoring', 'int_lead_snapshots_labeled') }}
    where is_evaluated
),

snapshots as (
    select model_id, as_of, lead_id, total_score from {{ ref('lead_scoring', 'lead_score_snapshots') }}
),

capacity as (
    select population, cast(leads_per_week as {{ dbl }}) as leads_per_week
    from {{ lead_scoring.settings_table('sales_capacity') }}
),

thresholds as (
    {{ lead_scoring.pivot_thresholds(lead_scoring.settings_table('scoring_thresholds')) | indent(4) }}
),

snapshot_days as (
    select
        model_id,
        as_of,
        lag(as_of) over (partition by model_id order by as_of) as previous_as_of
    from (select distinct model_id, as_of from snapshots) as days
),

previous_scores as (
    select
        model_id,
        as_of,
        lead_id,
        lag(total_score) over (partition by model_id, lead_id order by as_of) as previous_total_score
    from snapshots
),

handovers as (
    select
        labeled.model_id,
        labeled.milestone,
        labeled.horizon_days,
        labeled.population,
        labeled.snapshot_date,
        snapshot_days.previous_as_of,
        labeled.total_score,
        previous_scores.previous_total_score,
        labeled.converted,
        floor(labeled.total_score) as score_floor,
        -- Above every threshold up to this one on both days: not handed over again.
        floor(case
            when previous_scores.previous_total_score < labeled.total_score then previous_scores.previous_total_score
            else labeled.total_score
        end) as kept_floor
    from labeled
    inner join snapshot_days
        on
            labeled.model_id = snapshot_days.model_id
            and labeled.snapshot_date = snapshot_days.as_of
    inner join previous_scores
        on
            labeled.model_id = previous_scores.model_id
            and labeled.snapshot_date = previous_scores.as_of
            and labeled.lead_id = previous_scores.lead_id
    where snapshot_days.previous_as_of is not null
),

weeks as (
    select
        model_id,
        milestone,
        horizon_days,
        sum({{ lead_scoring.days_between('previous_as_of', 'snapshot_date') }}) / 7.0 as weeks_observed
    from (select distinct model_id, milestone, horizon_days, snapshot_date, previous_as_of from handovers) as days
    group by model_id, milestone, horizon_days
),

-- Rows reaching each whole-point score, and rows staying at or above it from the previous day.
per_point as (
    select
        model_id, milestone, horizon_days, population, score_floor as score_point,
        count(*) as reached_rows, sum(converted) as reached_conversions,
        0 as kept_rows, 0 as kept_conversions
    from handovers
    group by model_id, milestone, horizon_days, population, score_floor
    union all
    select
        model_id, milestone, horizon_days, population, kept_floor as score_point,
        0 as reached_rows, 0 as reached_conversions,
        count(*) as kept_rows, sum(converted) as kept_conversions
    from handovers
    where previous_total_score is not null
    group by model_id, milestone, horizon_days, population, kept_floor
),

cumulative as (
    select
        model_id,
        milestone,
        horizon_days,
        population,
        score_point,
        sum(sum(reached_rows) - sum(kept_rows)) over (
            partition by model_id, milestone, horizon_days, population
            order by score_point desc rows between unbounded preceding and current row
        ) as handed_over,
        sum(sum(reached_conversions) - sum(kept_conversions)) over (
            partition by model_id, milestone, horizon_days, population
            order by score_point desc rows between unbounded preceding and current row
        ) as handed_over_conversions
    from per_point
    group by model_id, milestone, horizon_days, population, score_point
),

candidates as (
    select
        cumulative.*,
        weeks.weeks_observed,
        capacity.leads_per_week,
        cumulative.handed_over / weeks.weeks_observed as leads_per_week_at_threshold,
        row_number() over (
            partition by cumulative.model_id, cumulative.milestone, cumulative.horizon_days, cumulative.population
            order by cumulative.score_point
        ) as lowest_first
    from cumulative
    inner join weeks
        on
            cumulative.model_id = weeks.model_id
            and cumulative.milestone = weeks.milestone
            and cumulative.horizon_days = weeks.horizon_days
    inner join capacity
        on cumulative.population = capacity.population
    where cumulative.handed_over / weeks.weeks_observed <= capacity.leads_per_week
),

suggested as (
    select * from candidates
    where lowest_first = 1
),

configured as (
    select
        handovers.model_id,
        handovers.milestone,
        handovers.horizon_days,
        handovers.population,
        min(thresholds.mql_min_total) as configured_min_total,
        count(*) as population_rows,
        avg(cast(handovers.converted as {{ dbl }})) as base_rate,
        sum(case
            when handovers.total_score >= thresholds.mql_min_total
                and coalesce(handovers.previous_total_score < thresholds.mql_min_total, true) then 1
            else 0
        end) as configured_handed_over,
        sum(case
            when handovers.total_score >= thresholds.mql_min_total
                and coalesce(handovers.previous_total_score < thresholds.mql_min_total, true) then handovers.converted
            else 0
        end) as configured_conversions
    from handovers
    inner join thresholds
        on handovers.population = thresholds.population
    group by handovers.model_id, handovers.milestone, handovers.horizon_days, handovers.population
),

final as (
    select
        configured.model_id,
        configured.milestone,
        configured.horizon_days,
        configured.population,
        capacity.leads_per_week as capacity_per_week,
        weeks.weeks_observed,
        configured.base_rate,
        cast(suggested.score_point as {{ dbl }}) as suggested_min_total,
        suggested.leads_per_week_at_threshold as suggested_leads_per_week,
        cast(suggested.handed_over_conversions as {{ dbl }}) / nullif(suggested.handed_over, 0)
            as suggested_conversion_rate,
        cast(configured.configured_min_total as {{ dbl }}) as configured_min_total,
        configured.configured_handed_over / weeks.weeks_observed as configured_leads_per_week,
        cast(configured.configured_conversions as {{ dbl }}) / nullif(configured.configured_handed_over, 0)
            as configured_conversion_rate
    from configured
    inner join weeks
        on
            configured.model_id = weeks.model_id
            and configured.milestone = weeks.milestone
            and configured.horizon_days = weeks.horizon_days
    inner join capacity
        on configured.population = capacity.population
    left join suggested
        on
            configured.model_id = suggested.model_id
            and configured.milestone = suggested.milestone
            and configured.horizon_days = suggested.horizon_days
            and configured.population = suggested.population
)

select * from final
