{{ config(materialized='table') }}
-- The staged rows of the frozen events that a refold reads again this run (macros/event_owners.sql):
-- every copy of each event that has a copy in a pair moved since the owners' previous fold, or
-- in a pair of a lead such a move concerns. Read once here, so that the four event-state
-- models do not each scan every frozen event for them: the pairs' lead_ids and emails are
-- looked up as lists of values, which the engine applies while it scans (the copies then by
-- their time). Empty when no pair moved (or the owners were rebuilt).
{%- set owners = ref('lead_scoring', 'int_event_pair_owners') %}
{%- set events = ref('lead_scoring', 'stg_lead_scoring__activity_events') %}
{%- set moves = lead_scoring.owner_moves(owners) %}

with

{% if moves.since is not none and moves.pairs > 0 %}
    {%- set keys = lead_scoring.moved_pair_values(owners, moves.since) %}
    {%- set frozen = "occurred_at < cast('" ~ lead_scoring.next_day_value(moves.since)
        ~ "' as " ~ dbt.type_timestamp() ~ ")" %}
    keyed as (
        select * from {{ events }}
        where
            {{ frozen }}
            and (
                lead_id in ({{ keys.lead_ids }})
                or email in ({{ keys.emails }})
            )
    ),

    -- Every copy of those events: copies share event_id and occurred_at.
    final as (
        select staged.*
        from {{ events }} as staged
        where
            {{ frozen }}
            and staged.occurred_at in (select keyed.occurred_at from keyed)
            and exists (
                select 1 from keyed
                where keyed.occurred_at = staged.occurred_at and keyed.event_id = staged.event_id
            )
        union all
        -- Events without an id have no copies.
        select * from keyed
        where event_id is null
    )
{% else %}
    final as (
        select * from {{ events }}
        where 1 = 0
    )
{% endif %}

select * from final
