{{ config(enabled=lead_scoring.crm_adapter_enabled('hubspot')) }}
-- HubSpot deals in the shape of the raw contract's crm_opportunities.
with

deals as (
    select * from {{ source('hubspot', 'deal') }}
    where not coalesce(cast(is_deleted as {{ dbt.type_boolean() }}), false)
),

deal_accounts as (
    -- A deal may belong to several companies: the smallest id is its account.
    select
        deal_id,
        min(cast(company_id as {{ dbt.type_string() }})) as account_id
    from {{ source('hubspot', 'deal_company') }}
    group by deal_id
),

final as (
    select
        cast(deals.deal_id as {{ dbt.type_string() }}) as opportunity_id,
        deal_accounts.account_id,
        cast(null as {{ dbt.type_string() }}) as lead_id,
        deals.property_dealstage as stage,
        deals.property_amount as amount,
        deals.property_hs_is_closed as is_closed,
        deals.property_hs_is_closed_won as is_won,
        deals.property_createdate as created_at,
        deals.property_closedate as closed_at
    from deals
    left join deal_accounts on deals.deal_id = deal_accounts.deal_id
)

select * from final
