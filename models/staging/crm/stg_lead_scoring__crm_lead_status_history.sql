with

source as (
    select * from {{ lead_scoring.raw_input('crm_lead_status_history') }}
),

renamed as (
    select
        cast(lead_id as {{ dbt.type_string() }}) as lead_id,
        nullif(lower(trim(cast(status as {{ dbt.type_string() }}))), '') as crm_status,
        cast(changed_at as {{ dbt.type_timestamp() }}) as changed_at
    from source
),

final as (
    select * from renamed
)

select * from final
