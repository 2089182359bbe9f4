{#- scoring_thresholds.csv: the names every population must define, pivoted to one row. -#}

{% macro threshold_names() %}
    {#- Every row the seed scoring_thresholds must hold, exactly once. -#}
    {{ return([
        'segment_a_min_total', 'segment_b_min_total',
        'mql_min_total', 'icp_min_fit',
        'hand_raiser_min_fit', 'hand_raiser_window_days',
        'sql_min_total', 'strong_intent_window_days',
        'fit_grade_a_min', 'fit_grade_b_min', 'fit_grade_c_min',
        'intent_level_1_min', 'intent_level_2_min', 'intent_level_3_min',
        'recycle_after_days',
    ]) }}
{% endmacro %}


{% macro pivot_thresholds(thresholds_relation) %}
    {#- One row per population (prospect, customer) with one column per threshold name,
        from the long seed. -#}
    select
        population,
        {%- for name in lead_scoring.threshold_names() %}
        max(case when threshold_name = '{{ name }}' then threshold_value end) as {{ name }}
        {{- "," if not loop.last }}
        {%- endfor %}
    from {{ thresholds_relation }}
    group by population
{% endmacro %}


{% macro sales_touch_stages() %}
    {#- The lifecycle stages (seeds/lead_status_map.csv) that mean sales worked a lead: a status
        change into one of them is a sales touch for mql_sla and account_mqa_sla. SQL list. -#}
    ('working', 'sales_accepted', 'sales_qualified', 'converted', 'disqualified')
{%- endmacro %}
