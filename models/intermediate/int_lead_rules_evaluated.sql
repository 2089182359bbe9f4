-- Rules are data: each lead attribute becomes a (lead, attribute, value) row that
-- is joined to the rules testing that attribute, and each operator is a plain SQL
-- comparison against the rule's value column. No rule text is ever spliced into SQL.
{%- set attributes = lead_scoring.scoring_attributes() %}

with

lead_attributes as (
    select * from {{ ref('int_lead_attributes') }}
),

rules as (
    select * from {{ ref('scoring_rules') }}
),

attribute_values as (
    {%- for name, kind in attributes.items() %}
        select
            lead_id,
            '{{ name }}' as attribute,
            {%- if kind == 'number' %}
                cast({{ name }} as {{ dbt.type_string() }}) as text_value,
                {{ name }} as number_value
            {%- else %}
                lower({{ name }}) as text_value,
                cast(null as {{ lead_scoring.type_double() }}) as number_value
            {%- endif %}
        from lead_attributes
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

evaluated as (
    select
        attribute_values.lead_id,
        rules.rule_id,
        rules.component,
        rules.rule_group,
        rules.attribute,
        attribute_values.text_value as attribute_value,
        cast(rules.points as {{ lead_scoring.type_double() }}) as points,
        rules.suppresses,
        rules.label,
        case rules.operator
            when 'equals' then attribute_values.text_value = lower(rules.value)
            when 'in' then {{ dbt.position(
                "'|' || attribute_values.text_value || '|'",
                "'|' || lower(rules.value) || '|'"
            ) }} > 0
            when 'range'
                then
                    attribute_values.number_value >= coalesce(rules.range_min, attribute_values.number_value)
                    and attribute_values.number_value < coalesce(rules.range_max, attribute_values.number_value + 1)
            when 'pattern' then {{ lead_scoring.regex_matches('attribute_values.text_value', 'rules.value') }}
            when 'missing' then attribute_values.text_value is null
        end as is_match
    from attribute_values
    inner join rules
        on attribute_values.attribute = rules.attribute
),

final as (
    select
        lead_id,
        rule_id,
        component,
        rule_group,
        attribute,
        attribute_value,
        points,
        suppresses,
        label
    from evaluated
    where is_match
)

select * from final
