{{ config(materialized='table') }}
-- depends_on: {{ ref('lead_scoring', 'int_event_repeated_keys') }}
-- The staged rows of the frozen events that a refold reads again this run (macros/event_owners.sql):
-- every copy of each event that has a copy in a pair moved since the owners' previous fold, or
-- in a pair of a lead such a move concerns. Read once here, so that the four event-state
-- models do not each scan every frozen event for them: the pairs' lead_ids and emails are
-- looked up as lists of values, which the engine applies while it scans (the other copies of
-- repeated events then by their time). Empty when no pair moved (or the owners were rebuilt).
{%- set owners = ref('lead_scoring', 'int_event_pair_owners') %}
{%- set events = ref('lead_scoring', 'stg_lead_scoring__activity_events') %}
{%- set moves = lead_scoring.owner_moves(owners) %}

with

{% if moves.since is not none and moves.pairs > 0 %}
    {%- set keys = lead_scoring.moved_pair_values(owners, moves.since) %}
    {%- set frozen = "occurred_at < cast('" ~ lead_scoring.next_day_value(moves.frozen_through)
        ~ "' as " ~ dbt.type_timestamp() ~ ")" %}
    {%- set in_moved_pairs = "(lead_id in (" ~ keys.lead_ids ~ ") or email in (" ~ keys.emails ~ "))" %}
    keyed as (
        select * from {{ events }}
        where
            {{ frozen }}
            and {{ in_moved_pairs }}
    ),

    {%- if var('lead_scoring_deduplicate_events', true) %}
        -- Events whose key is seen more than once (int_event_repeated_keys) may have copies
        -- with another lead_id or email; copies share event_id and occurred_at.
        repeated as (
            select
                keyed.event_id,
                keyed.occurred_at
            from keyed
            inner join (
                {{ lead_scoring.repeated_key_hashes() | indent(16) }}
            ) as repeated_keys
                on {{ lead_scoring.key_hash(['keyed.event_id', 'keyed.occurred_at']) }} = repeated_keys.key_hash
        ),

        final as (
            select * from keyed
            union all
            -- Their other copies (a time filter first, which the engine applies while it scans).
            select staged.*
            from {{ events }} as staged
            where
                {{ frozen }}
                and staged.occurred_at in (select repeated.occurred_at from repeated)
                and exists (
                    select 1 from repeated
                    where repeated.occurred_at = staged.occurred_at and repeated.event_id = staged.event_id
                )
                and not coalesce({{ in_moved_pairs }}, false)
        )
    {%- else %}
        -- Without deduplication every row is an event of its own.
        final as (
            select * from keyed
        )
    {%- endif %}
{% else %}
    final as (
        select * from {{ events }}
        where 1 = 0
    )
{% endif %}

select * from final
