-- How p_convert is computed: one row per model, milestone and horizon, fitted on the labelled
-- snapshots whose horizon had passed by the scoring date (no look-ahead), leaving out the
-- holdout leads (var lead_scoring_holdout_percent). Method: logistic (Platt) calibration of
-- total_score, p = 1 / (1 + e^-(intercept + slope * total_score)), fitted by Newton's method
-- with a light ridge penalty on the slope (unrolled iterations, plain SQL on every engine).
-- A single monotone curve keeps p_convert in the order of the score sales sees; two
-- parameters stay stable with few outcomes where isotonic steps would not (docs/evaluation.md).
-- With fewer than var lead_scoring_p_convert_min_outcomes converted or not converted leads
-- the row says so and the coefficients stay null.
{%- set as_of = lead_scoring.as_of_date(var('as_of')) %}
{%- set dbl = lead_scoring.type_double() %}
{%- set min_outcomes = var('lead_scoring_p_convert_min_outcomes', 40) | int %}
{%- set iterations = 12 %}
{%- set ridge = 1.0 %}
{%- set keys = ['model_id', 'milestone', 'horizon_days'] %}

with

training as (
    select * from {{ ref('lead_scoring', 'int_lead_snapshots_labeled') }}
    where is_evaluated and not is_holdout
),

counts as (
    select
        model_id,
        milestone,
        horizon_days,
        count(*) as training_rows,
        sum(converted) as training_conversions,
        count(distinct case when converted = 1 then lead_id end) as converted_leads,
        count(distinct case when converted = 0 then lead_id end) as not_converted_leads,
        min(snapshot_date) as first_snapshot_date,
        max(snapshot_date) as last_snapshot_date
    from training
    group by model_id, milestone, horizon_days
),

-- Rows with the same score (to 0.01 points) and label fitted as one weighted row.
grouped as (
    select
        model_id,
        milestone,
        horizon_days,
        floor(cast(total_score as {{ dbl }}) * 100 + 0.5) / 100 as score,
        cast(count(*) as {{ dbl }}) as row_weight,
        cast(sum(converted) as {{ dbl }}) as positives
    from training
    group by model_id, milestone, horizon_days, floor(cast(total_score as {{ dbl }}) * 100 + 0.5) / 100
),

moments as (
    select
        model_id,
        milestone,
        horizon_days,
        sum(row_weight * score) / sum(row_weight) as score_mean,
        sum(row_weight * score * score) / sum(row_weight) as score_square_mean,
        sum(positives) / sum(row_weight) as base_rate
    from grouped
    group by model_id, milestone, horizon_days
),

scales as (
    select
        model_id,
        milestone,
        horizon_days,
        score_mean,
        case
            when score_square_mean - score_mean * score_mean > 1e-12
                then sqrt(score_square_mean - score_mean * score_mean)
            else 1.0
        end as score_sd,
        base_rate
    from moments
),

-- Scores standardised, so that one ridge penalty and one starting point suit any score range.
standardised as (
    select
        grouped.model_id,
        grouped.milestone,
        grouped.horizon_days,
        (grouped.score - scales.score_mean) / scales.score_sd as x,
        grouped.row_weight,
        grouped.positives
    from grouped
    inner join scales
        on
            grouped.model_id = scales.model_id
            and grouped.milestone = scales.milestone
            and grouped.horizon_days = scales.horizon_days
),

-- Start: the base rate, no slope.
theta_0 as (
    select
        model_id,
        milestone,
        horizon_days,
        case
            when base_rate > 0 and base_rate < 1 then ln(base_rate / (1 - base_rate))
            else cast(0 as {{ dbl }})
        end as a,
        cast(0 as {{ dbl }}) as b
    from scales
),
{%- for step in range(1, iterations + 1) %}

    theta_{{ step }} as (
        select
            model_id,
            milestone,
            horizon_days,
            a + case when h11 * h22 - h12 * h12 > 1e-12 then (h22 * g1 - h12 * g2) / (h11 * h22 - h12 * h12) else 0 end
                as a,
            b + case when h11 * h22 - h12 * h12 > 1e-12 then (h11 * g2 - h12 * g1) / (h11 * h22 - h12 * h12) else 0 end
                as b
        from (
            select
                model_id,
                milestone,
                horizon_days,
                a,
                b,
                sum(positives - row_weight * p) as g1,
                sum((positives - row_weight * p) * x) - {{ ridge }} * b as g2,
                sum(row_weight * p * (1 - p)) as h11,
                sum(row_weight * p * (1 - p) * x) as h12,
                sum(row_weight * p * (1 - p) * x * x) + {{ ridge }} as h22
            from (
                select
                    standardised.*,
                    theta.a,
                    theta.b,
                    {{ lead_scoring.logistic('theta.a + theta.b * standardised.x') }} as p
                from standardised
                inner join theta_{{ step - 1 }} as theta
                    on
                        standardised.model_id = theta.model_id
                        and standardised.milestone = theta.milestone
                        and standardised.horizon_days = theta.horizon_days
            ) as predicted
            group by model_id, milestone, horizon_days, a, b
        ) as sums
    ),
{%- endfor %}

fitted as (
    select
        theta.model_id,
        theta.milestone,
        theta.horizon_days,
        -- Back on the points scale: a + b (score - mean) / sd.
        theta.a - theta.b * scales.score_mean / scales.score_sd as intercept,
        theta.b / scales.score_sd as slope
    from theta_{{ iterations }} as theta
    inner join scales
        on
            theta.model_id = scales.model_id
            and theta.milestone = scales.milestone
            and theta.horizon_days = scales.horizon_days
),

platt as (
    select
        counts.model_id,
        counts.milestone,
        counts.horizon_days,
        {{ dbt.concat([
            'counts.model_id', "':'", 'counts.milestone', "':'",
            'cast(counts.horizon_days as ' ~ dbt.type_string() ~ ')', "'d:'",
            'cast(counts.last_snapshot_date as ' ~ dbt.type_string() ~ ')'
        ]) }} as calibration_id,
        case
            when counts.converted_leads < {{ min_outcomes }} or counts.not_converted_leads < {{ min_outcomes }}
                then 'too_few_outcomes'
            else 'fitted'
        end as calibration_status,
        'logistic_total_score' as method,
        counts.training_rows,
        counts.training_conversions,
        counts.converted_leads,
        counts.not_converted_leads,
        {{ min_outcomes }} as min_outcomes,
        case
            when counts.converted_leads >= {{ min_outcomes }} and counts.not_converted_leads >= {{ min_outcomes }}
                then fitted.intercept
        end as intercept,
        case
            when counts.converted_leads >= {{ min_outcomes }} and counts.not_converted_leads >= {{ min_outcomes }}
                then fitted.slope
        end as slope,
        counts.first_snapshot_date,
        counts.last_snapshot_date,
        {{ as_of }} as fitted_on
    from counts
    inner join fitted
        on
            counts.model_id = fitted.model_id
            and counts.milestone = fitted.milestone
            and counts.horizon_days = fitted.horizon_days
),

-- A learned scorecard (make train) carries its own logistic form in seeds/scoring_models.csv:
-- p = 1 / (1 + e^-(intercept + total_score x ln 2 / points_to_double_odds)) for the milestone and
-- horizon it was trained on. It replaces the Platt fit of that model, snapshots or not.
scorecards as (
    select
        model_id,
        logistic_milestone as milestone,
        cast(logistic_horizon_days as {{ dbt.type_int() }}) as horizon_days,
        cast(logistic_intercept as {{ dbl }}) as intercept,
        ln(2.0) / cast(points_to_double_odds as {{ dbl }}) as slope
    from {{ lead_scoring.settings_table('scoring_models') }}
    where logistic_intercept is not null
),

final as (
    select platt.*
    from platt
    left join scorecards
        on
            platt.model_id = scorecards.model_id
            and platt.milestone = scorecards.milestone
            and platt.horizon_days = scorecards.horizon_days
    where scorecards.model_id is null
    union all
    select
        scorecards.model_id,
        scorecards.milestone,
        scorecards.horizon_days,
        {{ dbt.concat([
            'scorecards.model_id', "':'", 'scorecards.milestone', "':'",
            'cast(scorecards.horizon_days as ' ~ dbt.type_string() ~ ')', "'d:scorecard'"
        ]) }} as calibration_id,
        'fitted' as calibration_status,
        'scorecard_logistic_form' as method,
        counts.training_rows,
        counts.training_conversions,
        counts.converted_leads,
        counts.not_converted_leads,
        {{ min_outcomes }} as min_outcomes,
        scorecards.intercept,
        scorecards.slope,
        counts.first_snapshot_date,
        counts.last_snapshot_date,
        {{ as_of }} as fitted_on
    from scorecards
    left join counts
        on
            scorecards.model_id = counts.model_id
            and scorecards.milestone = counts.milestone
            and scorecards.horizon_days = counts.horizon_days
)

select * from final
