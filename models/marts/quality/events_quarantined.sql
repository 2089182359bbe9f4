with

events as (
    select * from {{ ref('int_events_mapped_to_signals') }}
),

final as (
    select
        event_id,
        source_lead_id,
        email,
        event_type,
        occurred_at,
        url_path,
        campaign_id,
        quarantine_reason
    from events
    where quarantine_reason is not null
)

select * from final
