{{ config(enabled=lead_scoring.crm_adapter_enabled('salesforce')) }}
-- Salesforce opportunities in the shape of the raw contract's crm_opportunities.
with

opportunities as (
    select * from {{ source('salesforce', 'opportunity') }}
    where not coalesce(cast(is_deleted as {{ dbt.type_boolean() }}), false)
),

final as (
    select
        cast(id as {{ dbt.type_string() }}) as opportunity_id,
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(null as {{ dbt.type_string() }}) as lead_id,
        stage_name as stage,
        amount,
        is_closed,
        is_won,
        created_date as created_at,
        cast(close_date as {{ dbt.type_timestamp() }}) as closed_at
    from opportunities
)

select * from final
