{{ config(materialized='view') }}
{%- set latest_allowed = lead_scoring.latest_event_time(var('lead_scoring_now', none)) %}
-- A view: the events are read by int_lead_signal_history and int_lead_signal_recent_days (scored) and by
-- events_quarantined (not scored); materialising them would copy every event.
with

-- A re-delivered event (same event_id and occurred_at) is scored once; the other
-- copies are quarantined. Partitioning by occurred_at too keeps the time filters of
-- the incremental models effective (they pass through the window). The window holds
-- every event of a full build (about 20 GB spilled to disk at 100M events), so a source
-- that guarantees unique event ids can skip it: var lead_scoring_deduplicate_events.
events as (
    select
        *,
        {%- if var('lead_scoring_deduplicate_events', true) %}
            row_number() over (
                partition by event_id, occurred_at
                order by lead_id, email, event_type, url, properties
            ) as copy_number
        {%- else %}
            1 as copy_number
        {%- endif %}
    from {{ ref('lead_scoring', 'stg_lead_scoring__activity_events') }}
),

leads as (
    select lead_id from {{ ref('lead_scoring', 'stg_lead_scoring__crm_leads') }}
    where not is_deleted
),

email_owners as (
    select email, lead_id from {{ ref('lead_scoring', 'int_lead_email_owners') }}
),

event_signal_map as (
    select * from {{ lead_scoring.settings_table('event_signal_map') }}
),

default_mappings as (
    select source_event_type, signal
    from event_signal_map
    where match_field is null
),

-- Seed tests guarantee at most one specific row matches an event (prefixes of one
-- event type and field never overlap), so these joins cannot duplicate events.
specific_mappings as (
    select
        source_event_type,
        match_field,
        lower(match_prefix) as match_prefix,
        signal
    from event_signal_map
    where match_field is not null
),

mapped as (
    select
        events.event_id,
        events.lead_id as source_lead_id,
        events.email,
        events.event_type,
        events.occurred_at,
        events.url_path,
        events.campaign_id,
        events.copy_number,
        coalesce(by_id.lead_id, by_email.lead_id) as lead_id,
        case
            when by_id.lead_id is not null then 'lead_id'
            when by_email.lead_id is not null then 'email'
        end as lead_match_method,
        default_mappings.signal as default_signal,
        coalesce(specific_mappings.signal, default_mappings.signal) as signal
    from events
    left join leads as by_id
        on events.lead_id = by_id.lead_id
    left join email_owners as by_email
        on events.email = by_email.email
    left join default_mappings
        on events.event_type = default_mappings.source_event_type
    -- Joined last so that filters on the columns above (see events_quarantined) are
    -- applied before any URL path or JSON property is looked at.
    left join specific_mappings
        on
            events.event_type = specific_mappings.source_event_type
            and {{ lead_scoring.starts_with(
                "case when specific_mappings.match_field = 'url_path' then events.url_path
                 else lower(" ~ lead_scoring.json_extract_text('events.properties', 'specific_mappings.match_field') ~ ") end",
                'specific_mappings.match_prefix'
            ) }}
),

final as (
    select
        *,
        cast(occurred_at as date) as activity_date,
        case
            when occurred_at is null then 'missing_occurred_at'
            when copy_number > 1 then 'duplicate_event_id'
            when occurred_at > {{ latest_allowed }} then 'occurred_in_future'
            when signal is null then 'unmapped_event_type'
            when lead_id is null then 'unmatched_lead'
        end as quarantine_reason
    from mapped
)

select * from final
