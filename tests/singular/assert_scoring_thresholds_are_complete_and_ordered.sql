-- For prospects and for customers, every threshold the models read is present once and
-- the bands are ordered; stops
-- the build naming seeds/scoring_thresholds.csv and the problem otherwise.

with

thresholds as (
    {{ lead_scoring.pivot_thresholds(lead_scoring.scoring_settings('scoring_thresholds')) | indent(4) }}
),

checks as (
    select 'no thresholds for ' || population as problem
    from (
        select 'prospect' as population
        union all
        select 'customer' as population
    ) as required
    where population not in (select thresholds.population from thresholds)
    union all
    select 'unknown population ' || coalesce(population, '(empty)') as problem from thresholds
    where population is null or population not in ('prospect', 'customer')
    union all
    {%- for name in lead_scoring.threshold_names() %}
        select population || ': {{ name }} is missing' as problem from thresholds
        where {{ name }} is null
        union all
    {%- endfor %}
    select population || ': segment_a_min_total must be above segment_b_min_total' from thresholds
    where segment_a_min_total <= segment_b_min_total
    union all
    select population || ': fit grades must be ordered a > b > c' from thresholds
    where not (fit_grade_a_min > fit_grade_b_min and fit_grade_b_min > fit_grade_c_min)
    union all
    select population || ': intent levels must be ordered 1 > 2 > 3' from thresholds
    where not (intent_level_1_min > intent_level_2_min and intent_level_2_min > intent_level_3_min)
    union all
    select population || ': sql_min_total must be at or above mql_min_total' from thresholds
    where sql_min_total < mql_min_total
    union all
    select population || ': hand_raiser_min_fit must not exceed icp_min_fit' from thresholds
    where hand_raiser_min_fit > icp_min_fit
    union all
    select population || ': window days must be positive' from thresholds
    where hand_raiser_window_days <= 0 or strong_intent_window_days <= 0 or recycle_after_days <= 0
),

duplicates as (
    select population || ': duplicate threshold_name ' || threshold_name as problem
    from {{ lead_scoring.scoring_settings('scoring_thresholds') }}
    group by population, threshold_name
    having count(*) > 1
),

final as (
    select
        {{ lead_scoring.raise_sql_error("'seeds/scoring_thresholds.csv: ' || problem") }} as problem
    from (
        select problem from checks
        union all
        select problem from duplicates
    ) as problems
)

select * from final
