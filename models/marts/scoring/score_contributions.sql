{{ config(materialized='view', schema=lead_scoring.model_schema(), tags=['lead_scoring_model_specific']) }}
-- Why a lead scores what it does: every matching fit and negative rule and every
-- signal, with its points after the caps. Caps apply to sums, so each contribution
-- is scaled by its group's share kept by the group cap and by the component's share
-- kept by the total cap (and floor); the scaled points of a lead add up exactly to
-- fit_score, intent_score and negative_score.
-- A view, computed on read from the day's score tables (so it always adds up to them):
-- decay moves nearly every lead's contributions every day, and writing them all (9.4M rows
-- at 1M leads) cost more than computing them where they are read (the top reasons of
-- lead_scores_current, a drill-through filtered to some leads, the weekly feature snapshot).
{%- set dbl = lead_scoring.type_double() %}
{%- set components = {
    'fit': var('lead_scoring_fit_groups'),
    'intent': var('lead_scoring_intent_groups'),
    'negative': var('lead_scoring_negative_groups'),
} %}
{#- Per component: the sum of its capped group columns (the score before the total cap). -#}
{%- set groups_points = {} %}
{%- for component, groups in components.items() %}
    {%- set columns = [] %}
    {%- for group in groups %}
        {%- do columns.append('coalesce(component_scores.' ~ component ~ '_' ~ group ~ '_points, 0)') %}
    {%- endfor %}
    {%- do groups_points.update({component: columns | join(' + ')}) %}
{%- endfor %}

{#- The contributions of each kind, written out at each use: as a CTE read in two places (the
    rules' by the fit and the negative branch) DuckDB would materialise it first. -#}
{%- set rule_contributions -%}
    select
        lead_id,
        component,
        rule_group,
        rule_id,
        label,
        cast(points as {{ dbl }}) as raw_points,
        cast(null as {{ dbl }}) as decay_factor,
        cast(points as {{ dbl }}) as points_before_group_cap,
        cast(null as {{ dbt.type_int() }}) as event_count,
        cast(null as {{ dbt.type_int() }}) as days_since_last
    from {{ ref('lead_scoring', 'int_lead_rules_evaluated') }}
{%- endset %}
{%- set signal_contributions -%}
    select
        signals.lead_id,
        'intent' as component,
        signals.signal_group as rule_group,
        signals.signal as rule_id,
        signal_weights.label,
        signals.raw_points,
        case when signals.raw_points > 0 then signals.decayed_points / signals.raw_points end as decay_factor,
        signals.capped_points as points_before_group_cap,
        cast(signals.event_count as {{ dbt.type_int() }}) as event_count,
        cast(signals.days_since_last as {{ dbt.type_int() }}) as days_since_last
    from {{ ref('lead_scoring', 'int_lead_signals_decayed') }} as signals
    inner join {{ lead_scoring.scoring_settings('signal_weights') }} as signal_weights
        on signals.signal = signal_weights.signal
    where signals.raw_points != 0
{%- endset %}

with

fit_scores as (
    select * from {{ ref('lead_scoring', 'fit_scores') }}
),

intent_scores as (
    select * from {{ ref('lead_scoring', 'intent_scores') }}
),

negative_scores as (
    select * from {{ ref('lead_scoring', 'negative_scores') }}
),

-- Each contribution next to its lead's group points before and after the cap and its
-- component score, as the marts computed them (a CASE picks the group's breakdown columns:
-- no unpivot of every lead and group, and no second sum of the contributions by group:
-- at 1M leads, summing them here again took a third of the top reasons' 9 s).
scaled as (
    {%- for component, groups in components.items() %}
        {%- set contributions = signal_contributions if component == 'intent' else rule_contributions %}
        select
            contributions.*,
            -- The share of its group's points the group cap kept (1 when the group sums to 0).
            coalesce(
                case contributions.rule_group
                    {%- for group in groups %}
                        when '{{ group }}' then component_scores.{{ component }}_{{ group }}_points
                            / nullif(component_scores.{{ component }}_{{ group }}_points_before_cap, 0)
                    {%- endfor %}
                end,
                cast(1 as {{ dbl }})
            ) as group_scale,
            case
                when ({{ groups_points[component] }}) = 0 then cast(1 as {{ dbl }})
                else component_scores.{{ component }}_score / ({{ groups_points[component] }})
            end as total_scale
        from ({{ contributions }}) as contributions
        inner join {{ component }}_scores as component_scores
            on contributions.lead_id = component_scores.lead_id
        where contributions.component = '{{ component }}'
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

final as (
    select
        lead_id,
        component,
        rule_group,
        rule_id,
        raw_points,
        decay_factor,
        points_before_group_cap,
        points_before_group_cap * group_scale * total_scale as points,
        event_count,
        days_since_last,
        {{ lead_scoring.reason_text(
            'label', "component = 'intent'", 'event_count', 'days_since_last'
        ) | indent(8) }} as reason_text
    from scaled
)

select * from final
