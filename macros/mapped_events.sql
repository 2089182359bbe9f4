{#- The staged events of a time range, deduplicated, matched to their lead and mapped
    to their signal, with the reason each unscorable one is quarantined: the one
    definition behind int_events_mapped_to_signals (every event) and the models that
    read events (int_lead_signal_history, int_lead_signal_recent_days,
    events_quarantined), each for its own range. Returns a complete select, to be used
    as a subquery.

    occurred_at_condition: a SQL condition on the column occurred_at alone, applied to
    the staged events before anything else. Copies of an event share event_id and
    occurred_at, so a range of occurred_at holds every copy of an event or none, and
    deduplicating inside the range equals deduplicating everything: a daily run only
    reads and deduplicates the days it needs. Conditions on other columns belong after
    the call (they could keep a later copy and drop the first).

    wanted_copies_condition (optional): a SQL condition on any staged column. Only the
    events with at least one copy in the range meeting it are read, with all their
    copies, so the choice of the copy to score is the same as without it. It spares
    the deduplication of events the caller would drop anyway (int_lead_signal_recent_days
    wants only the window signals' event types on its frozen days).

    wanted_days_condition (optional, with wanted_copies_condition): a SQL condition on
    occurred_at alone under which an event is wanted whatever its other columns (it
    implies wanted_copies_condition). Copies share occurred_at, so such an event's copies
    all meet it too, and only the other events are looked up among the wanted copies: the
    lookup then holds the few events of those other days (for int_lead_signal_recent_days,
    the window signals' events of the frozen days it reads) instead of every event read.

    wanted_reapplied (optional, with wanted_copies_condition; default false): true when the
    caller keeps only the events that meet wanted_copies_condition themselves (it applies the
    condition again after the call). An event whose key is seen once (not in
    int_event_repeated_keys) is its own only copy, so it is then read when it meets the
    condition itself, without the lookup by event_id, which costs a second scan of the range
    (int_lead_signal_recent_days at 100M events: 9.2-9.8 s -> 7.0-7.3 s); the copies of
    repeated keys are still looked up. Left false where the lookup's wider read matters: a
    refold whose pre-hook deletes rows by event_id reads every event of those ids again.

    lookup_condition (optional): a SQL condition on the deduplicated events' columns (the
    staged ones and copy_number, unqualified): only the events meeting it are matched to
    their lead and mapped; the others are left out. For a caller that keeps only some
    events whatever their lead and signal would be (events_quarantined: the events some
    reason quarantines), so that the lead lookup, the largest part of its scan, is done for
    those alone (at 100M events the two joins took 19 of 38 s of CPU).

    source (optional): the relation to read staged events from instead of
    stg_lead_scoring__activity_events, holding every copy of the events it holds
    (int_frozen_events_moved, for a refold).

    Deduplication numbers only the events of keys (event_id, occurred_at) seen more than
    once (row_number over a handful of rows, by the real key, so a shared hash changes
    nothing), rather than sorting every event through a window. The keys seen more than
    once are found by their 64-bit hash (key_hash) in int_event_repeated_keys, once per
    run, not in every model that reads events: at 100M events on 2 cores grouping the keys
    takes 21 s by hash (more by the two columns), and a window over every event more than
    6 minutes. Sources that guarantee unique event ids can skip it (var
    lead_scoring_deduplicate_events: false). -#}
{% macro mapped_events(occurred_at_condition='true', wanted_copies_condition=none, source=none, path_after_filters=false, wanted_days_condition=none, lookup_condition=none, wanted_reapplied=false) %}
    {%- set latest_allowed = lead_scoring.latest_event_time(var('lead_scoring_now', none)) %}
    {%- set events = source if source is not none else ref('lead_scoring', 'stg_lead_scoring__activity_events') %}
    {#- Written out at each use rather than as a CTE: a CTE read three times is
        materialised by DuckDB, every column of every event (at 100M events the state
        scan took 96 s that way, 40 s this way, 30 s without deduplication). -#}
    {#- The staged events, read for the events whose key is seen once (single copies) and for
        the copies of repeated keys: the latter look their wanted copies up by event_id. -#}
    {%- set staged_single = lead_scoring.staged_events_read(
        events, occurred_at_condition, wanted_copies_condition, wanted_days_condition, not wanted_reapplied) %}
    {%- set staged_repeated = lead_scoring.staged_events_read(
        events, occurred_at_condition, wanted_copies_condition, wanted_days_condition, true) %}
    {%- set staged_key_hash = lead_scoring.key_hash(['staged.event_id', 'staged.occurred_at']) %}
    with

    {%- if var('lead_scoring_deduplicate_events', true) %}

        -- The hashes of the keys seen more than once (int_event_repeated_keys finds them once
        -- per run for every model that reads events). A hash shared by different keys only
        -- makes their events candidates: they are numbered by their real key below. Events
        -- without an id or a time are never numbered as copies.
        repeated_keys as (
            {{ lead_scoring.repeated_key_hashes() | indent(12) }}
        ),

        -- Every event whose key is seen once: the first and only copy.
        single_copies as (
            select
                staged.*,
                1 as copy_number
            from {{ staged_single }}
            left join repeated_keys
                on {{ staged_key_hash }} = repeated_keys.key_hash
            where repeated_keys.key_hash is null
        ),

        -- The copies of repeated keys, numbered in a fixed order (the first is scored):
        -- a copy with a value comes before one without, on every engine.
        numbered_copies as (
            select
                staged.*,
                case
                    when staged.event_id is null or staged.occurred_at is null then 1
                    else row_number() over (
                        partition by staged.event_id, staged.occurred_at
                        order by
                            staged.lead_id nulls last, staged.email nulls last, staged.event_type nulls last,
                            staged.url nulls last, staged.properties nulls last
                    )
                end as copy_number
            from {{ staged_repeated }}
            inner join repeated_keys
                on {{ staged_key_hash }} = repeated_keys.key_hash
        ),

        events as (
            select * from single_copies
            union all
            select * from numbered_copies
        ),

    {%- else %}

        events as (
            select
                *,
                1 as copy_number
            from {{ staged_single }}
        ),

    {%- endif %}

    event_signal_map as (
        select * from {{ lead_scoring.settings_table('event_signal_map') }}
    ),

    -- One row per event type: its default row's signal (null when it has none) and the one
    -- match_field of its specific rows (null when it has none). Seed tests guarantee at most
    -- one default row and one match_field per event type.
    type_mappings as (
        select
            source_event_type,
            max(case when match_field is null then signal end) as signal,
            max(case when match_field is null then value_property end) as value_property,
            max(case when match_field is null then max_value_per_event end) as max_value_per_event,
            max(match_field) as match_field
        from event_signal_map
        group by source_event_type
    ),

    -- Seed tests guarantee at most one specific row matches an event (values of one
    -- event type and field never overlap), so these joins cannot duplicate events.
    {%- set match_value = 'lower(trim(match_value))' %}
    specific_mappings as (
        select
            source_event_type,
            match_field,
            {{ match_value }} as match_value,
            {{ lead_scoring.mapping_key('match_field', match_value, match_value) }} as match_key,
            signal,
            value_property,
            max_value_per_event
        from event_signal_map
        where match_field is not null
    ),

    owned as (
        select
            events.event_id,
            events.lead_id as source_lead_id,
            events.email,
            events.event_type,
            events.occurred_at,
            -- The URL's path: the staged column, computed as each event is read (where DuckDB
            -- can work on a column's dictionary of distinct values), or with path_after_filters
            -- computed here, after the joins, so that a caller's filter on the columns above
            -- (events_quarantined) is applied before any path is computed.
            {%- if path_after_filters %}
                {{ lead_scoring.url_path('events.url') }} as url_path,
            {%- else %}
                events.url_path,
            {%- endif %}
            events.campaign_id,
            events.copy_number,
            {{ lead_scoring.event_owner() }} as lead_id,
            case
                when by_id.lead_id is not null then 'lead_id'
                when by_email.lead_id is not null then 'email'
            end as lead_match_method,
            type_mappings.signal as default_signal,
            type_mappings.value_property as default_value_property,
            type_mappings.max_value_per_event as default_max_value_per_event,
            type_mappings.match_field,
            events.properties
        from
        {%- if lookup_condition is not none %}
            (
                select * from events
                where {{ lookup_condition }}
            ) as
        {%- endif %} events
        {{ lead_scoring.event_owner_joins('events.lead_id', 'events.email') }}
        left join type_mappings
            on events.event_type = type_mappings.source_event_type
    ),

    mapped as (
        select
            owned.event_id,
            owned.source_lead_id,
            owned.email,
            owned.event_type,
            owned.occurred_at,
            owned.url_path,
            owned.campaign_id,
            owned.copy_number,
            owned.lead_id,
            owned.lead_match_method,
            owned.default_signal,
            coalesce(specific_mappings.signal, owned.default_signal) as signal,
            -- The units of the row that mapped the event: 1, or its capped property value.
            case
                when specific_mappings.signal is not null then specific_mappings.value_property
                else owned.default_value_property
            end as value_property,
            case
                when specific_mappings.signal is not null then specific_mappings.max_value_per_event
                else owned.default_max_value_per_event
            end as max_value_per_event,
            owned.properties
        from owned
        -- Joined last so that filters on the columns above (see events_quarantined) are
        -- applied before any URL path or JSON property is looked at. The event's key (its
        -- property, or its path's root, looked up once per event) finds the one candidate
        -- row by equality; mapping_matches decides. Matching on mapping_matches alone paired
        -- each event with every specific row of its type and read the JSON once per pair:
        -- 30 s of the CPU time of int_lead_signal_history at 100M events.
        left join specific_mappings
            on
                owned.event_type = specific_mappings.source_event_type
                and {{ lead_scoring.mapping_key(
                    'owned.match_field', 'owned.url_path',
                    'lower(trim(' ~ lead_scoring.json_extract_text('owned.properties', 'owned.match_field') ~ '))'
                ) }} = specific_mappings.match_key
                and {{ lead_scoring.mapping_matches(
                    'specific_mappings.match_field', 'specific_mappings.match_value', 'owned.url_path',
                    'lower(trim(' ~ lead_scoring.json_extract_text('owned.properties', 'specific_mappings.match_field') ~ '))'
                ) }}
    )

    select
        *,
        cast(occurred_at as date) as activity_date,
        {{ lead_scoring.event_units('value_property', 'max_value_per_event', 'properties') }} as event_units,
        case
            when event_id is null then 'missing_event_id'
            when occurred_at is null then 'missing_occurred_at'
            when copy_number > 1 then 'duplicate_event_id'
            when occurred_at > {{ latest_allowed }} then 'occurred_in_future'
            when signal is null then 'unmapped_event_type'
            when lead_id is null then 'unmatched_lead'
        end as quarantine_reason
    from mapped
{%- endmacro %}



{% macro event_units(value_property, max_value_per_event, properties) %}
    {#- The units one event counts for its signal: 1 when its mapping has no value_property,
        else the property's number, floored at 0 and capped at max_value_per_event (a missing
        or non-numeric value counts 0). The JSON is read only for valued events. -#}
    case
        when {{ value_property }} is null then cast(1 as {{ lead_scoring.type_double() }})
        else coalesce(
            least(
                greatest(
                    {{ lead_scoring.try_cast(lead_scoring.json_extract_text(properties, value_property), lead_scoring.type_double()) }},
                    cast(0 as {{ lead_scoring.type_double() }})
                ),
                {{ max_value_per_event }}
            ),
            cast(0 as {{ lead_scoring.type_double() }})
        )
    end
{% endmacro %}


{% macro repeated_key_days(events, key_hash) %}
    {{ return(adapter.dispatch('repeated_key_days', 'lead_scoring')(events, key_hash)) }}
{% endmacro %}

{#- The select behind int_event_repeated_keys: each key hash and day (activity_date, the date of
    occurred_at) that more than one of events (a relation or CTE with event_id and occurred_at,
    neither null) has, and how many (copy_count). key_hash: the expression of an event's hash.
    The default groups by hash and day. -#}
{% macro default__repeated_key_days(events, key_hash) %}
    select
        {{ key_hash }} as key_hash,
        cast(occurred_at as date) as activity_date,
        count(*) as copy_count
    from {{ events }}
    group by {{ key_hash }}, cast(occurred_at as date)
    having count(*) > 1
{% endmacro %}

{#- DuckDB sorts the events by hash and day instead: an event that equals the one before it is
    a further copy, and only those few rows are grouped. Nearly every key is seen once, so the
    group-by builds a hash table of every event where the sort keeps a hash and a date a row:
    2.9-3.3 s against 4.2-6.8 s at 20M events; at 100M the model's rebuild took about the same
    either way (alternated; docs/benchmark.md). -#}
{% macro duckdb__repeated_key_days(events, key_hash) %}
    select
        key_hash,
        activity_date,
        count(*) + 1 as copy_count
    from (
        select
            key_hash,
            activity_date,
            lag(key_hash) over by_key as previous_key_hash,
            lag(activity_date) over by_key as previous_activity_date
        from (
            select
                {{ key_hash }} as key_hash,
                cast(occurred_at as date) as activity_date
            from {{ events }}
        ) as keys
        window by_key as (order by key_hash, activity_date)
    ) as sorted_keys
    where key_hash = previous_key_hash and activity_date = previous_activity_date
    group by key_hash, activity_date
{% endmacro %}


{% macro repeated_key_hashes() %}
    {#- The distinct hashes of the keys seen more than once (int_event_repeated_keys), as a
        select of one column, key_hash: the table has a row per hash and day it repeats on (a
        hash shared by keys of several days, or one a fold adds for an open day), and its
        readers (mapped_events, int_frozen_events_moved) need each hash once. -#}
    select distinct key_hash from {{ ref('lead_scoring', 'int_event_repeated_keys') }}
    where key_hash is not null
{% endmacro %}


{% macro staged_events_read(events, occurred_at_condition, wanted_copies_condition, wanted_days_condition, with_copies_lookup) %}
    {#- mapped_events' read of the staged events (events: a relation) of its range, as a
        subquery aliased staged; the other arguments are mapped_events'. with_copies_lookup:
        an event is read when an event of the same event_id in the range meets
        wanted_copies_condition (its copies, which may differ in any column, looked up by
        event_id); without it, when it meets the condition itself (an event whose key is seen
        once is its only copy). -#}
    (
        -- Aliased: on Spark a bare 'where (' after a table name reads as an alias list.
        select * from {{ events }} as source_events
        where
            ({{ occurred_at_condition }})
            {%- if wanted_copies_condition is not none %}
                and (
                    {%- if wanted_days_condition is not none %}
                        ({{ wanted_days_condition }}) or
                    {%- endif %}
                    {%- if with_copies_lookup %}
                        event_id in (
                            select wanted.event_id
                            from {{ events }} as wanted
                            where
                                ({{ occurred_at_condition }})
                                {%- if wanted_days_condition is not none %}
                                    and not ({{ wanted_days_condition }})
                                {%- endif %}
                                and ({{ wanted_copies_condition }})
                        )
                    {%- else %}
                        (event_id is not null and ({{ wanted_copies_condition }}))
                    {%- endif %}
                )
            {%- endif %}
    ) as staged
{% endmacro %}


{% macro mapping_matches(match_field, match_value, url_path, property_value) %}
    {#- Whether an event matches a specific row of event_signal_map: for url_path, the path is
        the value or lies below it (the character after the value is / or .), so /pricing
        matches /pricing/enterprise but not /pricing-is-a-scam; for a JSON property, the whole
        (trimmed, lower-cased) value. match_value is already lower-cased. The character after
        the value is looked at only when the path starts with it: building value || '/' and
        value || '.' for every event and candidate row cost twice as much (page views against
        four path rows at xl: 9.1-9.6 s against 3.8-4.3 s). -#}
    (
        case
            when {{ match_field }} = 'url_path' then
                {{ url_path }} = {{ match_value }}
                or (
                    {{ lead_scoring.starts_with(url_path, match_value) }}
                    and substr({{ url_path }}, length({{ match_value }}) + 1, 1) in ('/', '.')
                )
            else {{ property_value }} = {{ match_value }}
        end
    )
{% endmacro %}


{% macro mapping_key(match_field, url_path, property_value) %}
    {#- The equality key of mapping_matches: an event can match a specific row of
        event_signal_map only when both have the same key - the property value itself, or
        for url_path the path's root (url_path_root: a path at or below a value at a segment
        boundary has the value's root). Null when match_field is null (the event's type has
        no specific row), without looking at the path or the JSON. -#}
    case
        when {{ match_field }} is null then null
        when {{ match_field }} = 'url_path' then {{ lead_scoring.url_path_root(url_path) }}
        else {{ property_value }}
    end
{% endmacro %}


{% macro event_scan_session_settings() %}
    {{ return(adapter.dispatch('event_scan_session_settings', 'lead_scoring')()) }}
{% endmacro %}

{#- Pre-hook of the models that read events (mapped_events) and of lead_scores_current and
    lead_feature_snapshots (which compute the view score_contributions): join in the order the
    SQL is written; none by default. -#}
{% macro default__event_scan_session_settings() %}{% endmacro %}

{#- DuckDB 2.0 may turn a left join of the events onto a small table (leads, email owners)
    around and build its hash table from the events, every column of them (properties and
    URL included): at 100M events the recent days' scan of int_lead_signal_recent_days then
    ran out of a 3 GB memory_limit ("failed to pin block"), while joining as written it takes
    18 s. And over tables just written in the same session, DuckDB 2.0.0 failed on the plan of
    lead_scores_current (which computes score_contributions, a view, for the top reasons) with
    an internal error that invalidates the database ("dict-surviving join: narrowed column ...
    build pipeline is not single-source"), seen on a full build at 1M leads and not when the
    optimizer is off. So these models join as the SQL is written; the post-hook puts the
    optimizer back. -#}
{% macro duckdb__event_scan_session_settings() %}
    set disabled_optimizers = 'build_side_probe_side'
{% endmacro %}


{% macro event_scan_session_reset() %}
    {{ return(adapter.dispatch('event_scan_session_reset', 'lead_scoring')()) }}
{% endmacro %}

{#- Post-hook: undo event_scan_session_settings. -#}
{% macro default__event_scan_session_reset() %}{% endmacro %}

{% macro duckdb__event_scan_session_reset() %}
    reset disabled_optimizers
{% endmacro %}
