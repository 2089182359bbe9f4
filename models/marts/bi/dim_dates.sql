-- One row per calendar day from the first day any dated fact of the BI star holds (the lead
-- and account score history, MQL episodes) through the scoring date: the date dimension
-- Power BI and other tools relate the facts to (docs/power-bi.md). Contiguous, as a date table
-- must be, with the week (starting Monday), month, quarter and year of each day.
{%- set as_of = lead_scoring.as_of_date(var('as_of')) %}

with

fact_days as (
    select min(as_of) as first_day from {{ ref('lead_scoring', 'lead_score_history') }}
    union all
    select min(as_of) as first_day from {{ ref('lead_scoring', 'account_score_history') }}
    union all
    select min(mql_started_on) as first_day from {{ ref('lead_scoring', 'mql_sla') }}
),

bounds as (
    select coalesce(min(first_day), {{ as_of }}) as first_day
    from fact_days
),

days as (
    select cast(spine.date_day as date) as date_day
    from {{ ref('lead_scoring', 'metricflow_time_spine') }} as spine
    cross join bounds
    where
        cast(spine.date_day as date) >= bounds.first_day
        and cast(spine.date_day as date) <= {{ as_of }}
),

final as (
    select
        date_day,
        cast({{ dbt.date_trunc('week', 'date_day') }} as date) as week_start,
        cast({{ dbt.date_trunc('month', 'date_day') }} as date) as month_start,
        cast({{ dbt.date_trunc('quarter', 'date_day') }} as date) as quarter_start,
        cast(extract(year from date_day) as {{ dbt.type_int() }}) as calendar_year,
        cast(extract(quarter from date_day) as {{ dbt.type_int() }}) as calendar_quarter,
        cast(extract(month from date_day) as {{ dbt.type_int() }}) as calendar_month,
        date_day = {{ as_of }} as is_scoring_date
    from days
)

select * from final
