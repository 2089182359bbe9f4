-- Conversion per slice of the leads scored on a snapshot day: one row per scope, model,
-- snapshot day, milestone, horizon, slice type and slice value. Slice types: segment (A/B/C),
-- score_decile (1 = the lowest tenth of total_score, 10 = the highest, by rank: ties share a
-- decile), score_cell (fit x intent, A1..D4), mql (true/false) and population. lift =
-- conversion_rate / base rate of the group; share_of_conversions = the slice's part of them.
{%- set dbl = lead_scoring.type_double() %}
{%- set groups = ['scope', 'model_id', 'snapshot_date', 'milestone', 'horizon_days'] %}

with

evaluation_rows as (
    select * from {{ ref('lead_scoring', 'int_evaluation_rows') }}
),

ranked as (
    select
        evaluation_rows.*,
        rank() over (partition by {{ groups | join(', ') }} order by evaluation_rows.total_score) as score_rank,
        count(*) over (partition by {{ groups | join(', ') }}) as group_rows,
        sum(evaluation_rows.converted) over (partition by {{ groups | join(', ') }}) as group_conversions
    from evaluation_rows
),

sliced as (
    select
        {{ groups | join(', ') }}, group_rows, group_conversions, converted,
        'segment' as slice_type, segment as slice_value
    from ranked
    union all
    select
        {{ groups | join(', ') }}, group_rows, group_conversions, converted,
        'score_decile' as slice_type,
        cast(cast(floor(10.0 * (score_rank - 1) / group_rows) + 1 as {{ dbt.type_int() }}) as {{ dbt.type_string() }})
            as slice_value
    from ranked
    union all
    select
        {{ groups | join(', ') }}, group_rows, group_conversions, converted,
        'score_cell' as slice_type, score_cell as slice_value
    from ranked
    union all
    select
        {{ groups | join(', ') }}, group_rows, group_conversions, converted,
        'mql' as slice_type, case when is_mql then 'true' else 'false' end as slice_value
    from ranked
    union all
    select
        {{ groups | join(', ') }}, group_rows, group_conversions, converted,
        'population' as slice_type, population as slice_value
    from ranked
),

final as (
    select
        {{ groups | join(', ') }},
        slice_type,
        slice_value,
        count(*) as leads,
        sum(converted) as conversions,
        avg(cast(converted as {{ dbl }})) as conversion_rate,
        case
            when min(group_conversions) > 0
                then avg(cast(converted as {{ dbl }})) * min(group_rows) / min(group_conversions)
        end as lift,
        cast(count(*) as {{ dbl }}) / min(group_rows) as share_of_leads,
        case
            when min(group_conversions) > 0 then cast(sum(converted) as {{ dbl }}) / min(group_conversions)
        end as share_of_conversions
    from sliced
    group by {{ groups | join(', ') }}, slice_type, slice_value
)

select * from final
