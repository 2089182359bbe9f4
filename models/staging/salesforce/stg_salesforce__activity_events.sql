{{ config(enabled=lead_scoring.crm_adapter_enabled('salesforce')) }}
-- Campaign responses in the shape of activity_events (event type campaign_response, or
-- webinar_attendance when the member status says Attended), plus the relation of var
-- lead_scoring_extra_activity_events (web tracking, product events), if set. Salesforce
-- holds no web or email engagement of its own; members that never responded are no event.
with

responses as (
    select * from {{ source('salesforce', 'campaign_member') }}
    where
        coalesce(cast(has_responded as {{ dbt.type_boolean() }}), false)
        and not coalesce(cast(is_deleted as {{ dbt.type_boolean() }}), false)
),

final as (
    select
        {{ dbt.concat(["'salesforce_campaign_member_'", 'cast(id as ' ~ dbt.type_string() ~ ')']) }} as event_id,
        cast(lead_id as {{ dbt.type_string() }}) as lead_id,
        cast(null as {{ dbt.type_string() }}) as email,
        case
            when lower(status) like '%attended%' then 'webinar_attendance'
            else 'campaign_response'
        end as event_type,
        cast(first_responded_date as {{ dbt.type_timestamp() }}) as occurred_at,
        cast(null as {{ dbt.type_string() }}) as url,
        cast(campaign_id as {{ dbt.type_string() }}) as campaign_id,
        cast(null as {{ dbt.type_string() }}) as properties
    from responses
    {{ lead_scoring.union_extra_activity_events() }}
)

select * from final
