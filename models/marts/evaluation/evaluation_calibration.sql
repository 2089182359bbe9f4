-- Predicted against observed: one row per scope, sample, model, snapshot day, milestone,
-- horizon and decile of p_convert. sample all holds every evaluated row, holdout only the
-- leads the calibration never saw. Deciles are by rank (ties share a decile, so a decile may
-- hold more or fewer rows than a tenth); gap = observed_rate - mean_predicted.
{%- set dbl = lead_scoring.type_double() %}
{%- set groups = ['scope', 'sample', 'model_id', 'snapshot_date', 'milestone', 'horizon_days'] %}

with

evaluation_rows as (
    select * from {{ ref('lead_scoring', 'int_evaluation_rows') }}
    where p_convert is not null
),

samples as (
    select 'all' as sample, evaluation_rows.* from evaluation_rows
    union all
    select 'holdout' as sample, evaluation_rows.* from evaluation_rows
    where is_holdout
),

ranked as (
    select
        samples.*,
        rank() over (partition by {{ groups | join(', ') }} order by samples.p_convert) as p_rank,
        count(*) over (partition by {{ groups | join(', ') }}) as group_rows
    from samples
),

binned as (
    select
        ranked.*,
        floor(10.0 * (ranked.p_rank - 1) / ranked.group_rows) + 1 as p_decile
    from ranked
),

final as (
    select
        {{ groups | join(', ') }},
        cast(p_decile as {{ dbt.type_int() }}) as p_decile,
        count(*) as rows_in_decile,
        min(group_rows) as rows_in_group,
        sum(converted) as conversions,
        avg(cast(p_convert as {{ dbl }})) as mean_predicted,
        avg(cast(converted as {{ dbl }})) as observed_rate,
        avg(cast(converted as {{ dbl }})) - avg(cast(p_convert as {{ dbl }})) as gap,
        min(p_convert) as min_predicted,
        max(p_convert) as max_predicted
    from binned
    group by {{ groups | join(', ') }}, p_decile
)

select * from final
