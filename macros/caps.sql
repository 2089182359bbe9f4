{#- Rule-group and total caps (score_caps.csv) applied to per-lead contributions. -#}

{% macro rollup_capped_groups(component, contributions, caps_relation, groups, direction='positive', lead_aggregates={}, key='lead_id') %}
    {#- Per lead: the points of each rule group before and after its cap, and the component
        total after the total cap. contributions must have the key column (lead_id, or
        account_id for account fit), rule_group and points.
        direction 'positive' caps from above and floors the total at 0 (fit, intent);
        'negative' caps the magnitude of negative points and keeps the total <= 0.
        lead_aggregates: extra per-lead columns, {name: aggregate expression over the
        contributions}, computed in the same pass.
        groups must hold every rule_group of the contributions (the seed checks,
        assert_scoring_rules_are_valid and assert_signal_weights_are_valid, stop the
        build otherwise): each is a column, and only those columns add up to the score.
        One grouping by lead, each group's sum a column of it: grouping by lead and
        group first, then by lead, took three times as long on 9M signal rows. -#}
    {%- if direction not in ('positive', 'negative') -%}
        {{ exceptions.raise_compiler_error("rollup_capped_groups: direction must be 'positive' or 'negative', got '" ~ direction ~ "'") }}
    {%- endif -%}
    {%- set dbl = lead_scoring.type_double() -%}
    with

    component_caps as (
        select
            {%- for group in groups %}
            max(case when cap_group = '{{ group }}' then cast(max_points as {{ dbl }}) end) as {{ group }}_cap,
            {%- endfor %}
            max(case when cap_group = 'total' then cast(max_points as {{ dbl }}) end) as total_cap
        from {{ caps_relation }}
        where component = '{{ component }}'
    ),

    group_sums as (
        select
            {{ key }},
            {%- for group in groups %}
            sum(case when rule_group = '{{ group }}' then points end) as {{ group }}_raw_points,
            {%- endfor %}
            {%- for name, expression in lead_aggregates.items() %}
            {{ expression }} as {{ name }},
            {%- endfor %}
            count(*) as {{ component }}_contribution_count
        from {{ contributions }}
        group by {{ key }}
    ),

    groups_capped as (
        select
            group_sums.{{ key }},
            {%- for group in groups %}
            -- least and greatest skip nulls: a group without contributions is 0, not its cap.
            case
                when group_sums.{{ group }}_raw_points is null then cast(0 as {{ dbl }})
                {%- if direction == 'positive' %}
                else least(group_sums.{{ group }}_raw_points, coalesce(component_caps.{{ group }}_cap, group_sums.{{ group }}_raw_points))
                {%- else %}
                else greatest(group_sums.{{ group }}_raw_points, -coalesce(component_caps.{{ group }}_cap, -group_sums.{{ group }}_raw_points))
                {%- endif %}
            end as {{ component }}_{{ group }}_points,
            {%- endfor %}
            {%- for group in groups %}
            coalesce(group_sums.{{ group }}_raw_points, cast(0 as {{ dbl }})) as {{ component }}_{{ group }}_points_before_cap,
            {%- endfor %}
            {%- for name in lead_aggregates %}
            group_sums.{{ name }},
            {%- endfor %}
            group_sums.{{ component }}_contribution_count,
            component_caps.total_cap
        from group_sums
        cross join component_caps
    ),

    per_lead as (
        select
            groups_capped.*,
            {%- for group in groups %}
            {{ component }}_{{ group }}_points{{ ' +' if not loop.last }}
            {%- endfor %} as {{ component }}_points_before_total_cap
        from groups_capped
    )

    select
        {%- for group in groups %}
        per_lead.{{ component }}_{{ group }}_points,
        per_lead.{{ component }}_{{ group }}_points_before_cap,
        {%- endfor %}
        {%- for name in lead_aggregates %}
        per_lead.{{ name }},
        {%- endfor %}
        per_lead.{{ key }},
        per_lead.{{ component }}_points_before_total_cap,
        per_lead.{{ component }}_contribution_count,
        {%- if direction == 'positive' %}
        greatest(
            cast(0 as {{ dbl }}),
            least(
                per_lead.{{ component }}_points_before_total_cap,
                coalesce(per_lead.total_cap, per_lead.{{ component }}_points_before_total_cap)
            )
        )
        {%- else %}
        least(
            cast(0 as {{ dbl }}),
            greatest(
                per_lead.{{ component }}_points_before_total_cap,
                -coalesce(per_lead.total_cap, -per_lead.{{ component }}_points_before_total_cap)
            )
        )
        {%- endif %} as {{ component }}_score
    from per_lead
{% endmacro %}
