-- One row per broken rule in seeds/scoring_rules.csv, saying what is wrong.
{%- set attributes = lead_scoring.scoring_attributes() %}
{%- set number_attributes = [] %}
{%- for name, kind in attributes.items() if kind == 'number' %}{% do number_attributes.append(name) %}{% endfor %}

with

rules as (
    select * from {{ ref('scoring_rules') }}
),

problems as (
    select
        rule_id,
        case
            when attribute not in ('{{ attributes.keys() | join("', '") }}')
                then 'unknown attribute ' || attribute
            when component = 'fit' and rule_group not in ('{{ var("lead_scoring_fit_groups") | join("', '") }}')
                then 'fit rule_group not in var lead_scoring_fit_groups: ' || rule_group
            when
                component = 'negative'
                and rule_group not in ('{{ var("lead_scoring_negative_groups") | join("', '") }}')
                then 'negative rule_group not in var lead_scoring_negative_groups: ' || rule_group
            when operator in ('equals', 'in', 'pattern') and value is null
                then operator || ' needs a value'
            when operator = 'range' and range_min is null and range_max is null
                then 'range needs range_min, range_max or both'
            when operator = 'range' and attribute not in ('{{ number_attributes | join("', '") }}')
                then 'range needs a number attribute, ' || attribute || ' is text'
            when operator = 'range' and range_min >= range_max
                then 'range_min must be below range_max'
            when component = 'negative' and points > 0
                then 'negative rules take points away: points must be <= 0'
            when component = 'fit' and suppresses
                then 'only negative rules can suppress'
        end as problem
    from rules
),

final as (
    select * from problems
    where problem is not null
)

select * from final
