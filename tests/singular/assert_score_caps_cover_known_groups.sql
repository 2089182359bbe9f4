-- A cap row must name a known group (or total); a typo would silently uncap the group.

with

caps as (
    select * from {{ lead_scoring.scoring_settings('score_caps') }}
),

known_groups as (
    {{ lead_scoring.known_rule_groups() | indent(4) }}
),

final as (
    select
        caps.component,
        caps.cap_group,
        {{ lead_scoring.raise_sql_error(
            "'seeds/score_caps.csv: unknown cap_group ' || caps.cap_group || ' for ' || caps.component"
        ) }} as problem
    from caps
    left join known_groups
        on
            caps.component = known_groups.component
            and caps.cap_group = known_groups.rule_group
    where caps.cap_group != 'total' and known_groups.rule_group is null
)

select * from final
