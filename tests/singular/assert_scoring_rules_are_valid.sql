-- Stops the build with the first broken rule of seeds/scoring_rules.csv, naming the
-- row and the problem (raise_sql_error); no rows when every rule is valid.

with

rules as (
    select * from {{ lead_scoring.scoring_settings('scoring_rules') }}
),

attribute_catalogue as (
    {{ lead_scoring.scoring_attribute_catalogue() | indent(4) }}
),

known_groups as (
    {{ lead_scoring.known_rule_groups() | indent(4) }}
),

rule_id_counts as (
    select rule_id, count(*) as occurrences
    from rules
    group by rule_id
),

problems as (
    select
        rules.rule_id,
        case
            when rules.rule_id is null then 'rule_id is empty'
            when rule_id_counts.occurrences > 1 then 'duplicate rule_id'
            when rules.component not in ('fit', 'negative') or rules.component is null
                then 'component must be fit or negative, got ' || coalesce(rules.component, '(empty)')
            when rules.operator not in ('equals', 'in', 'range', 'pattern', 'missing') or rules.operator is null
                then 'unknown operator ' || coalesce(rules.operator, '(empty)')
                    || ' (use equals, in, range, pattern or missing)'
            when attribute_catalogue.attribute is null
                then 'unknown attribute ' || coalesce(rules.attribute, '(empty)')
                    || ' in column attribute (built-in attributes, or declare it in var'
                    || ' lead_scoring_custom_attributes or lead_scoring_signal_attributes)'
            when known_groups.rule_group is null
                then rules.component || ' rule_group not in var lead_scoring_' || rules.component
                    || '_groups: ' || coalesce(rules.rule_group, '(empty)')
            when rules.points is null then 'points is empty'
            when rules.operator in ('equals', 'in', 'pattern') and rules.value is null
                then rules.operator || ' needs a value'
            when rules.operator = 'pattern' and not {{ lead_scoring.is_valid_regex('rules.value') }}
                then 'invalid regular expression ' || rules.value
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
    left join rule_id_counts
        on rules.rule_id = rule_id_counts.rule_id
    left join attribute_catalogue
        on rules.attribute = attribute_catalogue.attribute
    left join known_groups
        on
            rules.component = known_groups.component
            and rules.rule_group = known_groups.rule_group
),

final as (
    select
        rule_id,
        {{ lead_scoring.raise_sql_error(
            "'seeds/scoring_rules.csv, rule_id ' || coalesce(rule_id, '(empty)') || ': ' || problem"
        ) }} as problem
    from problems
    where problem is not null
)

select * from final
