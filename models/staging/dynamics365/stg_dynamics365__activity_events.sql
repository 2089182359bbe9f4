{{ config(enabled=lead_scoring.crm_adapter_enabled('dynamics365')) }}
-- Dataverse activities about a lead in the shape of activity_events: emails, phone calls and
-- appointments whose regardingobjectid is a lead, or a contact qualified from a lead (then the
-- event is that lead's). Event types: crm_email_received and crm_phonecall_received (the lead
-- wrote or called: hand-raisers), crm_appointment (a meeting), and crm_email_sent and
-- crm_phonecall_made (sales touches, not the lead's intent: no default mapping, so they are
-- quarantined as unmapped_event_type, never dropped). Deleted activities and canceled ones
-- (state labels in var lead_scoring_dynamics365_canceled_states, default Canceled) are no
-- event. Marketing interactions (Customer Insights - Journeys: email opens and clicks, form
-- submissions) come through var lead_scoring_extra_activity_events, as web tracking does.
{%- set text = dbt.type_string() %}

with

emails as (
    {{ lead_scoring.dynamics365_activity_rows(
        'email', ['senton', 'createdon'], 'crm_email_sent', 'crm_email_received') | indent(4) }}
),

phone_calls as (
    {{ lead_scoring.dynamics365_activity_rows(
        'phonecall', ['actualend', 'createdon'], 'crm_phonecall_made', 'crm_phonecall_received') | indent(4) }}
),

appointments as (
    {{ lead_scoring.dynamics365_activity_rows(
        'appointment', ['scheduledstart', 'createdon'], 'crm_appointment') | indent(4) }}
),

activities as (
    select * from emails
    union all
    select * from phone_calls
    union all
    select * from appointments
),

qualified_contacts as (
    select
        cast(contactid as {{ text }}) as contact_id,
        cast(originatingleadid as {{ text }}) as lead_id
    from {{ lead_scoring.dynamics365_current_rows('contact', 'contactid') }} as current_contacts
    where not is_row_deleted and originatingleadid is not null
),

final as (
    select
        activities.event_id,
        case
            when lower(activities.regardingobjectid_entitytype) = 'lead'
                then cast(activities.regardingobjectid as {{ text }})
            else qualified_contacts.lead_id
        end as lead_id,
        cast(null as {{ text }}) as email,
        activities.event_type,
        activities.occurred_at,
        cast(null as {{ text }}) as url,
        cast(null as {{ text }}) as campaign_id,
        cast(null as {{ text }}) as properties
    from activities
    left join qualified_contacts
        on
            lower(activities.regardingobjectid_entitytype) = 'contact'
            and cast(activities.regardingobjectid as {{ text }}) = qualified_contacts.contact_id
    where
        not activities.is_row_deleted
        and not activities.is_canceled
        and (
            lower(activities.regardingobjectid_entitytype) = 'lead'
            or qualified_contacts.lead_id is not null
        )
    {{ lead_scoring.union_extra_activity_events() }}
)

select * from final
