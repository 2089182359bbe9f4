with

source as (
    select * from {{ lead_scoring.raw_input('crm_opportunities') }}
),

renamed as (
    select
        cast(opportunity_id as {{ dbt.type_string() }}) as opportunity_id,
        nullif(trim(cast(account_id as {{ dbt.type_string() }})), '') as account_id,
        cast(lead_id as {{ dbt.type_string() }}) as lead_id,
        lower(trim(cast(stage as {{ dbt.type_string() }}))) as stage,
        {{ lead_scoring.try_cast('amount', lead_scoring.type_double()) }} as amount,
        coalesce(cast(is_closed as {{ dbt.type_boolean() }}), false) as is_closed,
        coalesce(cast(is_won as {{ dbt.type_boolean() }}), false) as is_won,
        cast(created_at as {{ dbt.type_timestamp() }}) as created_at,
        cast(closed_at as {{ dbt.type_timestamp() }}) as closed_at
    from source
),

final as (
    select * from renamed
)

select * from final
