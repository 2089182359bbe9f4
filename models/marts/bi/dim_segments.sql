-- One row per population (prospect, customer) and segment: the segment dimension of the
-- star the BI tools read (docs/power-bi.md). Its total-score band comes from
-- seeds/scoring_thresholds.csv, so a report's legend follows the seed.
with

thresholds as (
    {{ lead_scoring.pivot_thresholds(lead_scoring.settings_table('scoring_thresholds')) | indent(4) }}
),

segments as (
    select
        population,
        'A' as segment,
        'hot' as segment_label,
        1 as sort_order,
        segment_a_min_total as min_total_score,
        cast(null as {{ lead_scoring.type_double() }}) as below_total_score
    from thresholds
    union all
    select
        population,
        'B' as segment,
        'warm' as segment_label,
        2 as sort_order,
        segment_b_min_total as min_total_score,
        segment_a_min_total as below_total_score
    from thresholds
    union all
    select
        population,
        'C' as segment,
        'cold' as segment_label,
        3 as sort_order,
        cast(null as {{ lead_scoring.type_double() }}) as min_total_score,
        segment_b_min_total as below_total_score
    from thresholds
),

final as (
    select
        cast(population || '|' || segment as {{ dbt.type_string() }}) as segment_key,
        cast(population as {{ dbt.type_string() }}) as population,
        cast(segment as {{ dbt.type_string() }}) as segment,
        cast(segment_label as {{ dbt.type_string() }}) as segment_label,
        cast(sort_order as {{ dbt.type_int() }}) as sort_order,
        cast(min_total_score as {{ lead_scoring.type_double() }}) as min_total_score,
        cast(below_total_score as {{ lead_scoring.type_double() }}) as below_total_score
    from segments
)

select * from final
