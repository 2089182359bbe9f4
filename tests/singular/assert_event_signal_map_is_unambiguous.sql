-- Every event must get exactly one signal: one default row per source event type,
-- one match_field per event type, no empty match_value, and no two values one event could
-- both match (the same value, or for url_path a path below another). Stops the build naming
-- the file and the problem otherwise. A valued row (value_property) needs a cap above 0, and
-- the rows of one signal are all valued or none is: the signal's points are per event or per
-- unit, not both.

with

mappings as (
    select * from {{ lead_scoring.settings_table('event_signal_map') }}
),

defaults as (
    select
        source_event_type,
        'more than one default row (empty match_field) for ' || source_event_type as problem
    from mappings
    where match_field is null
    group by source_event_type
    having count(*) > 1
),

fields as (
    select
        source_event_type,
        'more than one match_field for ' || source_event_type as problem
    from mappings
    where match_field is not null
    group by source_event_type
    having count(distinct match_field) > 1
),

-- A value of spaces only would match every path below / for url_path (and mapped_events looks
-- its rows up by a key that such a value does not have): a mistake, stopped here.
empty_values as (
    select
        source_event_type,
        'match_value of ' || mapping_id || ' is empty' as problem
    from mappings
    where match_field is not null and trim(match_value) = ''
),

overlapping_values as (
    select
        shorter.source_event_type,
        'match_value of ' || longer.mapping_id || ' overlaps ' || shorter.mapping_id as problem
    from mappings as shorter
    inner join mappings as longer
        on
            shorter.source_event_type = longer.source_event_type
            and shorter.match_field = longer.match_field
            and shorter.mapping_id != longer.mapping_id
            and {{ lead_scoring.mapping_matches(
                'shorter.match_field', 'lower(trim(shorter.match_value))',
                'lower(trim(longer.match_value))', 'lower(trim(longer.match_value))'
            ) }}
),

uncapped_values as (
    select
        source_event_type,
        'value_property of ' || mapping_id || ' needs max_value_per_event above 0' as problem
    from mappings
    where value_property is not null and not coalesce(max_value_per_event > 0, false)
),

mixed_values as (
    select
        min(source_event_type) as source_event_type,
        'rows of signal ' || signal || ' mix valued (value_property) and counted events' as problem
    from mappings
    group by signal
    having count(distinct case when value_property is null then 'counted' else 'valued' end) > 1
),

final as (
    select
        source_event_type,
        {{ lead_scoring.raise_sql_error("'seeds/event_signal_map.csv: ' || problem") }} as problem
    from (
        select * from defaults
        union all
        select * from fields
        union all
        select * from empty_values
        union all
        select * from overlapping_values
        union all
        select * from uncapped_values
        union all
        select * from mixed_values
    ) as problems
)

select * from final
