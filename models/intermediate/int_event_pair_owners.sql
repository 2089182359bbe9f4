{%- set hooks = lead_scoring.event_state_hooks() %}
{{ config(
    materialized=lead_scoring.event_state_materialization(),
    unique_key='pair_key',
    incremental_strategy='delete+insert',
    on_schema_change='fail',
    pre_hook=hooks.pre_hook,
    post_hook=hooks.post_hook,
) }}
-- depends_on: {{ lead_scoring.settings_table('event_signal_map') }}
-- depends_on: {{ lead_scoring.settings_table('signal_weights') }}
-- depends_on: {{ lead_scoring.raw_input('activity_events') }}
-- Who the events of frozen days belong to now: one row per (lead_id, email) pair the staged
-- events of frozen days carry, with the lead that mapped_events matches such an event to
-- today (by lead_id, else through the email's owner; null: unmatched). The other event-state
-- models fold each event once, with the owner of the day it froze; when the CRM moves a
-- pair to another lead (a lead deleted or created, an email's owner changed), this model
-- records the change (previous_lead_id, changed_through) and those models fold the frozen
-- events of the leads concerned again (macros/event_owners.sql). Incremental with the plan
-- of the event state: a fold adds the pairs of the days that froze and compares every stored
-- pair's owner with today's; only new pairs, pairs of the new days and moved pairs are written.
{%- set plan = lead_scoring.event_state_plan(var('as_of')) %}
{%- set frozen_through = "cast('" ~ plan.frozen_through ~ "' as date)" %}
{%- set new_days = lead_scoring.folded_days_condition(plan) %}

with

-- The key is made after the distinct: once per pair rather than once per event.
new_day_pairs as (
    select
        {{ lead_scoring.event_pair_key('distinct_pairs.source_lead_id', 'distinct_pairs.email') }} as pair_key,
        distinct_pairs.source_lead_id,
        distinct_pairs.email
    from (
        select distinct
            lead_id as source_lead_id,
            email
        from {{ ref('lead_scoring', 'stg_lead_scoring__activity_events') }}
        where {{ new_days }}
    ) as distinct_pairs
),

{% if plan.mode == 'fold' %}
    stored as (
        select * from {{ this }}
    ),

    pairs as (
        select pair_key, source_lead_id, email from stored
        union
        select pair_key, source_lead_id, email from new_day_pairs
    ),
{% else %}
    pairs as (
        select pair_key, source_lead_id, email from new_day_pairs
    ),
{% endif %}

owned as (
    select
        pairs.pair_key,
        pairs.source_lead_id,
        pairs.email,
        {{ lead_scoring.event_owner() }} as lead_id
    from pairs
    {{ lead_scoring.event_owner_joins('pairs.source_lead_id', 'pairs.email') }}
),

final as (
    select
        owned.pair_key,
        owned.source_lead_id,
        owned.email,
        owned.lead_id,
        {%- if plan.mode == 'fold' %}
            -- A moved pair: its owner before this run, and the frozen day of the run that
            -- moved it (a run that moves it again keeps the day of the move before).
            case
                when stored.pair_key is null then owned.lead_id
                when stored.lead_id is distinct from owned.lead_id then stored.lead_id
                else stored.previous_lead_id
            end as previous_lead_id,
            case
                when stored.pair_key is null then cast(null as date)
                when stored.lead_id is distinct from owned.lead_id then {{ frozen_through }}
                else stored.changed_through
            end as changed_through,
            case
                when stored.lead_id is distinct from owned.lead_id then stored.changed_through
                else stored.previous_changed_through
            end as previous_changed_through,
            (select max(built_through) from stored) as built_through,
            cast('{{ plan.fold_after }}' as date) as moved_since,
        {%- else %}
            owned.lead_id as previous_lead_id,
            cast(null as date) as changed_through,
            cast(null as date) as previous_changed_through,
            {{ frozen_through }} as built_through,
            cast(null as date) as moved_since,
        {%- endif %}
        {{ frozen_through }} as frozen_through,
        cast({{ plan.frozen_source_checksum }} as {{ dbt.type_bigint() }}) as frozen_source_checksum,
        cast('{{ plan.fingerprint }}' as {{ dbt.type_string() }}) as state_fingerprint
    from owned
    {%- if plan.mode == 'fold' %}
        left join stored
            on owned.pair_key = stored.pair_key
        left join new_day_pairs
            on owned.pair_key = new_day_pairs.pair_key
        -- New pairs, moved pairs and the pairs of the new days (so that the stored
        -- frozen_through follows the fold).
        where
            stored.pair_key is null
            or stored.lead_id is distinct from owned.lead_id
            or new_day_pairs.pair_key is not null
    {%- endif %}
)

select * from final
