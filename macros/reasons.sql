{#- The reasons behind a score, as CRM-ready text: one wording for score_contributions (every
    contribution) and int_lead_top_reasons (the strongest ones), so the two always agree. -#}

{% macro reason_text(label, is_signal, event_count, days_since_last) %}
    {#- What a contribution says besides its points: the rule's label, or for a signal its
        label, how often and how long ago ("Pricing page visited 3 times, last 2 days ago"). -#}
    case
        when {{ is_signal }}
            then
                {{ label }} || ' ' || cast({{ event_count }} as {{ dbt.type_string() }})
                || case when {{ event_count }} = 1 then ' time' else ' times' end
                || ', last ' || case
                    when {{ days_since_last }} = 0 then 'today'
                    when {{ days_since_last }} = 1 then '1 day ago'
                    else cast({{ days_since_last }} as {{ dbt.type_string() }}) || ' days ago'
                end
        else {{ label }}
    end
{% endmacro %}


{% macro reason_with_points(reason, shown_points) %}
    {#- A reason and its points as shown (a decimal with one place): "VP title: +15.0". -#}
    {{ reason }} || ': ' || case when {{ shown_points }} > 0 then '+' else '' end
    || cast({{ shown_points }} as {{ dbt.type_string() }})
{% endmacro %}


{% macro top_reasons_query(contributions, labels) %}
    {{ return(adapter.dispatch('top_reasons_query', 'lead_scoring')(contributions, labels)) }}
{% endmacro %}

{% macro top_reason_counts() %}
    {#- How many reasons are shown: the strongest positive ones, then the strongest negative ones. -#}
    {{ return({'positive': 3, 'negative': 2}) }}
{% endmacro %}


{% macro top_reason_places() %}
    {#- The places of the top reasons in the order they are shown, as (is positive, rank) pairs:
        (true, 1), (true, 2), (true, 3), (false, 1), (false, 2). -#}
    {%- set places = [] -%}
    {%- for sign, count in lead_scoring.top_reason_counts().items() -%}
        {%- for rank in range(1, count + 1) %}{% do places.append((sign == 'positive', rank)) %}{% endfor -%}
    {%- endfor -%}
    {{ return(places) }}
{% endmacro %}


{% macro default__top_reasons_query(contributions, labels) %}
    {#- Ranks each lead's contributions with a window, keeps the top places and pivots them into
        one row per lead. -#}
    with

    ranked as (
        select
            lead_id,
            rule_id,
            event_count,
            days_since_last,
            shown_points,
            shown_points > 0 as is_positive,
            row_number() over (
                partition by lead_id, shown_points > 0
                order by abs(shown_points) desc, rule_id
            ) as reason_rank
        from {{ contributions }}
    ),

    placed as (
        select
            ranked.lead_id,
            ranked.rule_id,
            ranked.is_positive,
            ranked.reason_rank,
            {{ lead_scoring.reason_with_points(lead_scoring.reason_text(
                'labels.label', 'labels.is_signal', 'ranked.event_count', 'ranked.days_since_last'
            ), 'ranked.shown_points') | indent(12) }} as reason
        from ranked
        inner join {{ labels }} as labels
            on ranked.rule_id = labels.rule_id
        where
            {%- for sign, count in lead_scoring.top_reason_counts().items() %}
                ({{ '' if sign == 'positive' else 'not ' }}ranked.is_positive and ranked.reason_rank <= {{ count }})
                {{- ' or' if not loop.last }}
            {%- endfor %}
    )

    -- One column per place, joined by concat_ws (which skips the empty places): an ordered
    -- string aggregate sorts every lead's rows.
    select
        lead_id,
        {%- for column, separator in [('reason', '; '), ('rule_id', ',')] %}
            concat_ws(
                '{{ separator }}',
                {%- for positive, rank in lead_scoring.top_reason_places() %}
                    max(
                        case
                            when {{ '' if positive else 'not ' }}is_positive and reason_rank = {{ rank }}
                                then {{ column }}
                        end
                    ){{ "," if not loop.last }}
                {%- endfor %}
            ) as {{ 'top_reasons' if column == 'reason' else 'top_reason_ids' }}{{ "," if not loop.last }}
        {%- endfor %}
    from placed
    group by lead_id
{% endmacro %}


{% macro duckdb__top_reasons_query(contributions, labels) %}
    {#- DuckDB's top-N aggregates instead of a window: each contribution gets one integer key
        that orders it as the window does (shown points, then the smaller rule_id: the key
        counts tenths of a point times the number of rules, plus the rule's place in reverse
        rule_id order), and max(key, n) keeps a lead's n largest in one hash aggregate, with
        max_by the count and age its text needs. At 1M leads and 9.4M contributions: about 2 s
        where the window, its text and the pivot took about 6 s. -#}
    {%- set count_base = 2097152 %}
    {%- set days_offset = 1048576 %}
    {%- set places = lead_scoring.top_reason_places() %}
    with

    ordered_rules as (
        -- rule_order is larger for the smaller rule_id.
        select
            rule_id,
            label,
            is_signal,
            row_number() over (order by rule_id desc) as rule_order
        from {{ labels }}
    ),

    -- The multiplier of the points in the key: more than any rule_order.
    rule_bases as (
        select count(*) + 1 as rule_base from {{ labels }}
    ),

    keyed as (
        -- The payload packs the count and the age (days_since_last within +-2^20 days).
        select
            contributions.lead_id,
            contributions.shown_points > 0 as is_positive,
            cast(abs(contributions.shown_points) * 10 as bigint) * rule_bases.rule_base
            + ordered_rules.rule_order as reason_key,
            cast(coalesce(contributions.event_count, 0) as bigint) * {{ count_base }}
            + coalesce(contributions.days_since_last, 0) + {{ days_offset }} as reason_payload
        from {{ contributions }} as contributions
        inner join ordered_rules
            on contributions.rule_id = ordered_rules.rule_id
        cross join rule_bases
    ),

    top_keys as (
        -- Lists in descending key order; max and max_by skip the nulls of the other sign.
        select
            lead_id,
            {%- for sign, count in lead_scoring.top_reason_counts().items() %}
                {%- set when = ('' if sign == 'positive' else 'not ') ~ 'is_positive' %}
                max(case when {{ when }} then reason_key end, {{ count }}) as {{ sign }}_keys,
                max_by(
                    case when {{ when }} then reason_payload end, case when {{ when }} then reason_key end, {{ count }}
                ) as {{ sign }}_payloads{{ "," if not loop.last }}
            {%- endfor %}
        from keyed
        group by lead_id
    ),

    placed as (
        select
            top_keys.lead_id,
            {%- for positive, rank in places %}
                {%- set lists = 'top_keys.' ~ ('positive' if positive else 'negative') %}
                {%- set place = loop.index %}
                {{ '' if positive else '-' }}({{ lists }}_keys[{{ rank }}] // rule_bases.rule_base) as tenths_{{ place }},
                {{ lists }}_keys[{{ rank }}] % rule_bases.rule_base as rule_order_{{ place }},
                {{ lists }}_payloads[{{ rank }}] // {{ count_base }} as event_count_{{ place }},
                {{ lists }}_payloads[{{ rank }}] % {{ count_base }} - {{ days_offset }} as days_since_last_{{ place }}
                {{- "," if not loop.last }}
            {%- endfor %}
        from top_keys
        cross join rule_bases
    )

    select
        placed.lead_id,
        concat_ws(
            '; ',
            {%- for place in range(1, places | length + 1) %}
                {{ lead_scoring.reason_with_points(lead_scoring.reason_text(
                    'rule_' ~ place ~ '.label', 'rule_' ~ place ~ '.is_signal',
                    'placed.event_count_' ~ place, 'placed.days_since_last_' ~ place
                ), 'cast(placed.tenths_' ~ place ~ ' / 10 as decimal(12, 1))') | indent(16) }}{{ "," if not loop.last }}
            {%- endfor %}
        ) as top_reasons,
        concat_ws(
            ',',
            {%- for place in range(1, places | length + 1) %}
                rule_{{ place }}.rule_id{{ "," if not loop.last }}
            {%- endfor %}
        ) as top_reason_ids
    from placed
    {%- for place in range(1, places | length + 1) %}
        left join ordered_rules as rule_{{ place }}
            on placed.rule_order_{{ place }} = rule_{{ place }}.rule_order
    {%- endfor %}
{% endmacro %}
