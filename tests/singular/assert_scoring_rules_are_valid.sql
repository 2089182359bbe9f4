-- One row per broken rule in seeds/scoring_rules.csv, saying what is wrong.

with

rules as (
    select * from {{ ref('scoring_rules') }}
),

attribute_catalogue as (
    {{ lead_scoring.scoring_attribute_catalogue() | indent(4) }}
),

known_groups as (
    {{ lead_scoring.known_rule_groups() | indent(4) }}
),

problems as (
    select
        rules.rule_id,
        case
            when attribute_catalogue.attribute is null
                then 'unknown attribute ' || rules.attribute
            when known_groups.rule_group is null
                then rules.component || ' rule_group not in var lead_scoring_' || rules.component
                    || '_groups: ' || rules.rule_group
            when rules.operator in ('equals', 'in', 'pattern') and rules.value is null
                then rules.operator || ' needs a value'
            when rules.operator = 'range' and rules.range_min is null and rules.range_max is null
                then 'range needs range_min, range_max or both'
            when rules.operator = 'range' and attribute_catalogue.attribute_kind != 'number'
                then 'range needs a number attribute, ' || rules.attribute || ' is text'
            when rules.operator = 'range' and rules.range_min >= rules.range_max
                then 'range_min must be below range_max'
            when rules.component = 'negative' and rules.points > 0
                then 'negative rules take points away: points must be <= 0'
            when rules.component = 'fit' and rules.suppresses
                then 'only negative rules can suppress'
        end as problem
    from rules
    left join attribute_catalogue
        on rules.attribute = attribute_catalogue.attribute
    left join known_groups
        on
            rules.component = known_groups.component
            and rules.rule_group = known_groups.rule_group
),

final as (
    select * from problems
    where problem is not null
)

select * from final
