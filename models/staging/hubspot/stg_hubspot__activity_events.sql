{{ config(enabled=lead_scoring.crm_adapter_enabled('hubspot')) }}
-- HubSpot marketing email events and form submissions in the shape of activity_events, plus
-- the relation of var lead_scoring_extra_activity_events (web tracking, product events), if set.
-- Email event types become email_<type> (email_open, email_click, email_bounce, ...); the ones
-- event_signal_map does not map (email_sent, email_delivered, ...) are quarantined as
-- unmapped_event_type, visible in events_quarantined, never silently dropped.
with

email_events as (
    select
        {{ dbt.concat(["'hubspot_email_'", 'cast(id as ' ~ dbt.type_string() ~ ')']) }} as event_id,
        cast(null as {{ dbt.type_string() }}) as lead_id,
        cast(recipient as {{ dbt.type_string() }}) as email,
        {{ dbt.concat(["'email_'", 'lower(cast(type as ' ~ dbt.type_string() ~ '))']) }} as event_type,
        cast(created as {{ dbt.type_timestamp() }}) as occurred_at,
        cast(null as {{ dbt.type_string() }}) as url,
        cast(null as {{ dbt.type_string() }}) as campaign_id,
        cast(null as {{ dbt.type_string() }}) as properties
    from {{ source('hubspot', 'email_event') }}
),

form_submissions as (
    select
        {{ dbt.concat(["'hubspot_form_'", 'cast(conversion_id as ' ~ dbt.type_string() ~ ')']) }} as event_id,
        cast(contact_id as {{ dbt.type_string() }}) as lead_id,
        cast(null as {{ dbt.type_string() }}) as email,
        'form_submit' as event_type,
        cast({{ adapter.quote('timestamp') }} as {{ dbt.type_timestamp() }}) as occurred_at,
        cast(page_url as {{ dbt.type_string() }}) as url,
        cast(null as {{ dbt.type_string() }}) as campaign_id,
        cast(null as {{ dbt.type_string() }}) as properties
    from {{ source('hubspot', 'contact_form_submission') }}
),

final as (
    select * from email_events
    union all
    select * from form_submissions
    {{ lead_scoring.union_extra_activity_events() }}
)

select * from final
