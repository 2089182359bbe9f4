-- Stops the build with the first broken row of seeds/account_fit_rules.csv, naming the
-- row, the column and the problem; no rows when every rule is valid.

with

rules as (
    select * from {{ lead_scoring.settings_table('account_fit_rules') }}
),

attribute_catalogue as (
    {{ lead_scoring.attribute_catalogue(lead_scoring.account_attributes()) | indent(4) }}
),

known_groups as (
    {{ lead_scoring.values_select('rule_group', var('lead_scoring_account_fit_groups')) | indent(4) }}
),

problems as (
    select
        rules.rule_id,
        case
            when attribute_catalogue.attribute is null
                then 'unknown attribute ' || coalesce(rules.attribute, '(empty)')
                    || ' in column attribute (industry, country, is_customer, employee_count,'
                    || ' annual_revenue, or declare it in var lead_scoring_custom_attributes'
                    || ' with table crm_accounts)'
            when known_groups.rule_group is null
                then 'rule_group not in var lead_scoring_account_fit_groups: ' || coalesce(rules.rule_group, '(empty)')
            when rules.operator in ('equals', 'in', 'pattern') and rules.value is null
                then rules.operator || ' needs a value'
            when rules.operator = 'pattern' and not {{ lead_scoring.is_valid_regex('rules.value') }}
                then 'invalid regular expression ' || rules.value
            when rules.operator = 'range' and attribute_catalogue.attribute_kind != 'number'
                then 'range needs a number attribute, ' || rules.attribute || ' is text'
            when rules.operator = 'range' and rules.range_min >= rules.range_max
                then 'range_min must be below range_max'
        end as problem
    from rules
    left join attribute_catalogue
        on rules.attribute = attribute_catalogue.attribute
    left join known_groups
        on rules.rule_group = known_groups.rule_group
),

final as (
    select
        rule_id,
        {{ lead_scoring.raise_sql_error(
            "'seeds/account_fit_rules.csv, rule_id ' || coalesce(rule_id, '(empty)') || ': ' || problem"
        ) }} as problem
    from problems
    where problem is not null
)

select * from final
