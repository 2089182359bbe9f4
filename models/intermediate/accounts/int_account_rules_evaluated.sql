-- One row per account and account fit rule it matches (seeds/account_fit_rules.csv), with
-- the same operators as the lead rules (macro rule_operator_matches): each attribute becomes
-- an (account, attribute, value) row joined to the rules testing it.
{%- set attributes = lead_scoring.account_attributes() %}

with

account_attributes as (
    select * from {{ ref('lead_scoring', 'int_account_attributes') }}
),

rules as (
    select * from {{ lead_scoring.settings_table('account_fit_rules') }}
),

attribute_values as (
    {{ lead_scoring.unpivot_attributes('account_attributes', 'account_id', attributes) | indent(4) }}
),

evaluated as (
    select
        attribute_values.account_id,
        rules.rule_id,
        rules.rule_group,
        rules.attribute,
        attribute_values.text_value as attribute_value,
        cast(rules.points as {{ lead_scoring.type_double() }}) as points,
        rules.label,
        {{ lead_scoring.rule_operator_matches(
            'rules', 'attribute_values.text_value', 'attribute_values.number_value'
        ) | indent(8) }} as is_match
    from attribute_values
    inner join rules
        on attribute_values.attribute = rules.attribute
),

final as (
    select
        account_id,
        rule_id,
        rule_group,
        attribute,
        attribute_value,
        points,
        label
    from evaluated
    where is_match
)

select * from final
