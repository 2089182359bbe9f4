{{ config(enabled=lead_scoring.crm_adapter_enabled('dynamics365')) }}
-- Status changes of Dataverse leads, in the shape of crm_lead_status_history. Only the
-- append-only export mode keeps them (var lead_scoring_dynamics365_append_only: true): every
-- change adds a version of the lead, and a version whose statuscode differs from the one
-- before it (or the first version) is a change at its modifiedon. In in-place mode the link
-- keeps the current version only, so there is no history: this model is empty and the
-- lifecycle comes from the current status alone (docs/bring-your-own-data.md).
{%- set append_only = var('lead_scoring_dynamics365_append_only', false) in [true, 'true', 'True', 1, '1'] %}

with

versions as (
    select
        leadid,
        statuscode,
        modifiedon,
        lag(statuscode) over (
            partition by leadid
            order by versionnumber, sinkmodifiedon
        ) as previous_statuscode
    from {{ source('dynamics365', 'lead') }}
    where
        not coalesce(cast(isdelete as {{ dbt.type_boolean() }}), false)
        and statuscode is not null
),

final as (
    select
        cast(versions.leadid as {{ dbt.type_string() }}) as lead_id,
        {{ lead_scoring.dynamics365_label('status_label', 'versions.statuscode') }} as status,
        cast(versions.modifiedon as {{ dbt.type_timestamp() }}) as changed_at
    from versions
    {{ lead_scoring.dynamics365_label_join('status_label', 'lead', 'statuscode', 'versions.statuscode') }}
    where
        {{ 'true' if append_only else 'false' }}
        and (versions.previous_statuscode is null or versions.previous_statuscode <> versions.statuscode)
)

select * from final
