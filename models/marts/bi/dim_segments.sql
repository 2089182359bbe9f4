-- One row per lead segment (A hot, B warm, C cold): the segment dimension of the star the BI
-- tools read (docs/power-bi.md), related on segment to lead_scores, lead_score_history and
-- mql_sla (segment_at_mql). Each population (prospects, customers) has its own total-score
-- band, from seeds/scoring_thresholds.csv, so a report's legend follows the seed.
with

thresholds as (
    {{ lead_scoring.pivot_thresholds(lead_scoring.settings_table('scoring_thresholds')) | indent(4) }}
),

segments as (
    select 'A' as segment
    union all
    select 'B' as segment
    union all
    select 'C' as segment
),

bands as (
    select
        thresholds.population,
        segments.segment,
        case segments.segment
            when 'A' then thresholds.segment_a_min_total
            when 'B' then thresholds.segment_b_min_total
        end as min_total_score,
        case segments.segment
            when 'B' then thresholds.segment_a_min_total
            when 'C' then thresholds.segment_b_min_total
        end as below_total_score
    from thresholds
    cross join segments
),

final as (
    select
        cast(segment as {{ dbt.type_string() }}) as segment,
        cast(case segment when 'A' then 'hot' when 'B' then 'warm' else 'cold' end as {{ dbt.type_string() }})
            as segment_label,
        cast(case segment when 'A' then 1 when 'B' then 2 else 3 end as {{ dbt.type_int() }}) as sort_order,
        cast(max(case when population = 'prospect' then min_total_score end) as {{ lead_scoring.type_double() }})
            as prospect_min_total_score,
        cast(max(case when population = 'prospect' then below_total_score end) as {{ lead_scoring.type_double() }})
            as prospect_below_total_score,
        cast(max(case when population = 'customer' then min_total_score end) as {{ lead_scoring.type_double() }})
            as customer_min_total_score,
        cast(max(case when population = 'customer' then below_total_score end) as {{ lead_scoring.type_double() }})
            as customer_below_total_score
    from bands
    group by segment
)

select * from final
