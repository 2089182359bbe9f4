{#- Point-in-time snapshots and the evaluation of scores against outcomes (models/marts/evaluation). -#}

{% macro take_snapshot(as_of) %}
    {#- Whether a run scoring as_of keeps a snapshot (lead_score_snapshots, lead_feature_snapshots):
        always when the environment variable LEAD_SCORING_TAKE_SNAPSHOT is true (make backtest
        sets it; read while executing only, like the scoring date), else by var
        lead_scoring_snapshot_every: day, week (Mondays), month (the 1st) or never. -#}
    {%- set forced = env_var('LEAD_SCORING_TAKE_SNAPSHOT', '') if execute else '' -%}
    {%- if forced | lower in ['true', '1', 'yes'] -%}
        {{ return(true) }}
    {%- endif -%}
    {%- set every = var('lead_scoring_snapshot_every', 'week') | string | lower -%}
    {%- set day = modules.datetime.datetime.strptime(lead_scoring.as_of_value(as_of), '%Y-%m-%d') -%}
    {%- if every == 'day' -%}
        {{ return(true) }}
    {%- elif every == 'week' -%}
        {{ return(day.isoweekday() == 1) }}
    {%- elif every == 'month' -%}
        {{ return(day.day == 1) }}
    {%- elif every == 'never' -%}
        {{ return(false) }}
    {%- endif -%}
    {{ exceptions.raise_compiler_error(
        "var lead_scoring_snapshot_every must be day, week, month or never, got '" ~ every ~ "'"
    ) }}
{% endmacro %}


{% macro logistic(expression) %}
    {#- The logistic function 1 / (1 + e^-x) of a SQL expression, with x clamped to [-35, 35] so
        that exp never overflows on any engine. -#}
    (1.0 / (1.0 + exp(-(case
        when ({{ expression }}) > 35 then 35.0
        when ({{ expression }}) < -35 then -35.0
        else ({{ expression }})
    end))))
{%- endmacro %}


{% macro is_holdout_lead(lead_id_expression) %}
    {#- True for the leads the p_convert fit never sees: var lead_scoring_holdout_percent of them,
        chosen by the first 8 hex digits of the md5 of lead_id compared as text, so that every
        engine picks the same leads. -#}
    {%- set percent = var('lead_scoring_holdout_percent', 20) | float -%}
    {%- if percent < 0 or percent >= 100 -%}
        {{ exceptions.raise_compiler_error("var lead_scoring_holdout_percent must be at least 0 and below 100, got " ~ percent) }}
    {%- endif -%}
    {%- set bound = '%08x' % ((percent / 100.0 * 4294967296) | int) -%}
    (substr({{ dbt.hash(lead_id_expression) }}, 1, 8) < '{{ bound }}')
{%- endmacro %}


{% macro roc_auc(relation, group_columns, score_column, label_column) %}
    {#- A select of ROC AUC per group, rank-based (Mann-Whitney, ties at their average rank):
        the group columns, positives, negatives and roc_auc (null without both classes). The
        rows are first counted per distinct score, so the windows run over distinct scores, not
        over every row. relation: a relation or CTE name; label_column holds 1 or 0. -#}
    {%- set groups = group_columns | join(', ') %}
    {%- set dbl = lead_scoring.type_double() %}
    select
        {{ groups }},
        sum(positives) as positives,
        sum(negatives) as negatives,
        case
            when sum(positives) > 0 and sum(negatives) > 0
                then (
                    sum(positives * average_rank) - sum(positives) * (sum(positives) + 1) / 2.0
                ) / (sum(positives) * sum(negatives))
        end as roc_auc
    from (
        select
            {{ groups }},
            positives,
            negatives,
            -- Rows with a lower score, plus the average of the ranks this score's rows share.
            coalesce(sum(positives + negatives) over (
                partition by {{ groups }} order by score
                rows between unbounded preceding and 1 preceding
            ), 0) + (positives + negatives + 1) / 2.0 as average_rank
        from (
            select
                {{ groups }},
                cast({{ score_column }} as {{ dbl }}) as score,
                cast(sum({{ label_column }}) as {{ dbl }}) as positives,
                cast(sum(1 - {{ label_column }}) as {{ dbl }}) as negatives
            from {{ relation }}
            group by {{ groups }}, cast({{ score_column }} as {{ dbl }})
        ) as per_score
    ) as ranked
    group by {{ groups }}
{%- endmacro %}


{% macro same_evaluation_group(left, right) %}
    {#- Join condition of two relations grouped like the evaluation marts (scope, model_id,
        snapshot_date, milestone, horizon_days); snapshot_date is null on pooled rows, so it is
        compared null-safely. left, right: the relations' names or aliases. -#}
    {{ left }}.scope = {{ right }}.scope
    and {{ left }}.model_id = {{ right }}.model_id
    and coalesce({{ left }}.snapshot_date, cast('1900-01-01' as date))
    = coalesce({{ right }}.snapshot_date, cast('1900-01-01' as date))
    and {{ left }}.milestone = {{ right }}.milestone
    and {{ left }}.horizon_days = {{ right }}.horizon_days
{%- endmacro %}
