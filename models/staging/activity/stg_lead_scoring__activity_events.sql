with

source as (
    select * from {{ lead_scoring.raw_input('activity_events') }}
),

renamed as (
    select
        {{ lead_scoring.trimmed_or_null('cast(event_id as ' ~ dbt.type_string() ~ ')') }} as event_id,
        cast(lead_id as {{ dbt.type_string() }}) as lead_id,
        nullif(lower(trim(cast(email as {{ dbt.type_string() }}))), '') as email,
        lower(trim(cast(event_type as {{ dbt.type_string() }}))) as event_type,
        cast(occurred_at as {{ dbt.type_timestamp() }}) as occurred_at,
        cast(url as {{ dbt.type_string() }}) as url,
        {{ lead_scoring.url_path('cast(url as ' ~ dbt.type_string() ~ ')') }} as url_path,
        cast(campaign_id as {{ dbt.type_string() }}) as campaign_id,
        cast(properties as {{ dbt.type_string() }}) as properties
    from source
),

final as (
    select * from renamed
)

select * from final
