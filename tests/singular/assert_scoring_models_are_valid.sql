-- Stops the build when seeds/scoring_models.csv does not name exactly one live model, or the
-- live model is not var lead_scoring_model_id, or (in a shadow run) the model scored in
-- shadow is not a candidate; no rows when all is well.
{%- set shadow = lead_scoring.shadow_model() %}

with

models as (
    select * from {{ lead_scoring.settings_table('scoring_models') }}
),

counts as (
    select
        sum(case when status = 'live' then 1 else 0 end) as live_models,
        max(case when status = 'live' then model_id end) as live_model_id,
        max(case when model_id = {{ lead_scoring.quoted_string(shadow or '') }} then status end) as shadow_status
    from models
),

problems as (
    select
        case
            when live_models != 1
                then 'exactly one model must have status live, found ' || cast(live_models as {{ dbt.type_string() }})
            {%- if shadow %}
                when coalesce(shadow_status, '') != 'candidate'
                    then 'the shadow model {{ shadow }} must be a candidate, it is '
                        || coalesce(shadow_status, 'not listed')
            {%- else %}
                when live_model_id != {{ lead_scoring.quoted_string(var('lead_scoring_model_id')) }}
                    then 'the live model is ' || live_model_id || ' but var lead_scoring_model_id is '
                        || {{ lead_scoring.quoted_string(var('lead_scoring_model_id')) }}
            {%- endif %}
        end as problem
    from counts
),

final as (
    -- The error is raised in the filter: a select list that only raises could be pruned away.
    select problem
    from problems
    where
        problem is not null
        and {{ lead_scoring.raise_sql_error("'seeds/scoring_models.csv: ' || problem") }} is null
)

select * from final
