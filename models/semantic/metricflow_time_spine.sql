{{ config(materialized='table', access='public') }}
-- One row per calendar day from 2020-01-01 to 2035-12-31: the time spine MetricFlow joins
-- metrics to (metric_time by day, week, month, ...). Built with dbt's cross-database
-- date_spine macro.
with

days as (
    {{ dbt.date_spine('day', "cast('2020-01-01' as date)", "cast('2036-01-01' as date)") | indent(4) }}
),

final as (
    select cast(date_day as date) as date_day from days
)

select * from final
