-- A cap row must name a known group (or total); a typo would silently uncap the group.

with

caps as (
    select * from {{ ref('score_caps') }}
),

final as (
    select
        component,
        cap_group,
        'unknown cap_group ' || cap_group || ' for ' || component as problem
    from caps
    where not (
        cap_group = 'total'
        or (component = 'fit' and cap_group in ('{{ var("lead_scoring_fit_groups") | join("', '") }}'))
        or (component = 'intent' and cap_group in ('{{ var("lead_scoring_intent_groups") | join("', '") }}'))
        or (component = 'negative' and cap_group in ('{{ var("lead_scoring_negative_groups") | join("', '") }}'))
    )
)

select * from final
