{{ config(schema=lead_scoring.model_schema('intermediate'), tags=['lead_scoring_model_specific']) }}
-- Rules are data: each lead attribute becomes a (lead, attribute, value) row that
-- is joined to the rules testing that attribute, and each operator is a plain SQL
-- comparison against the rule's value column. No rule text is ever spliced into SQL. The
-- lead's account context (int_lead_account_context: account fit, segment, MQA) is unpivoted
-- beside the lead's own attributes, so rules on it are rules like any other.
{%- set attributes = lead_scoring.scoring_attributes() %}

{#- Fast path: a regex given as a column is recompiled for every row (about 13 s per
    million leads on DuckDB). The patterns of the seed are read at run time and each
    becomes a constant regex, chosen by comparing the rule's value with the same
    string; any other pattern (e.g. rows given by a unit test) takes the generic
    path. Values enter SQL only through quoted_string, which escapes them. -#}
{%- set known_patterns = [] %}
{%- if lead_scoring.can_query_inputs([lead_scoring.scoring_settings('scoring_rules')]) %}
    {%- set pattern_query -%}
        select distinct value from {{ lead_scoring.scoring_settings('scoring_rules') }}
        where operator = 'pattern' and value is not null order by value
    {%- endset -%}
    {%- for row in run_query(pattern_query) %}{% do known_patterns.append(row[0]) %}{% endfor %}
{%- endif %}

with

lead_attributes as (
    select * from {{ ref('lead_scoring', 'int_lead_attributes') }}
),

account_context as (
    select * from {{ ref('lead_scoring', 'int_lead_account_context') }}
),

rules as (
    select * from {{ lead_scoring.scoring_settings('scoring_rules') }}
),

attribute_values as (
    {{ lead_scoring.unpivot_attributes('lead_attributes', 'lead_id', attributes) | indent(4) }}
    union all
    {{ lead_scoring.unpivot_attributes(
        'account_context', 'lead_id', lead_scoring.account_context_attributes()
    ) | indent(4) }}
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
        {{ lead_scoring.rule_operator_matches(
            'rules', 'attribute_values.text_value', 'attribute_values.number_value', known_patterns
        ) | indent(8) }} as is_match
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
