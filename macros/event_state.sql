{#- Incremental state over the event history (see int_lead_signal_history).

    Events dated up to frozen_through = as_of - var('lead_scoring_open_days') are
    "frozen": folded once into a compact per-(lead, signal) state. Later days stay
    "open" and are recomputed from the events on every run, so late events for them
    need no bookkeeping. A run either folds the days between the stored
    frozen_through and the new one, or rebuilds the state from all events when
    folding would be wrong: first build or --full-refresh, a change of the seeds the
    state depends on (event mapping, decay modes, half-lives, open days), a scoring
    date earlier than the state, or any change in the events of frozen days (very late,
    deleted or edited events: a checksum of every column, or of the loader's stamps when
    var lead_scoring_events_loaded_at names them; frozen_events_checksums). -#}

{% macro can_query_inputs(relations) %}
    {#- True when the model is really being run (not parsed, unit-tested or compiled by a
        linter against an empty database) and every relation exists, so run_query may read them. -#}
    {%- if not execute or model.resource_type != 'model' -%}
        {{ return(false) }}
    {%- endif -%}
    {%- for relation in relations -%}
        {%- if relation is string -%}
            {#- A relation a host project passed through a var arrives rendered as text
                ("db"."schema"."name", or fewer parts): look it up by its parts. -#}
            {%- set parts = relation.split('.') | map('trim') | map('replace', '"', '') | map('replace', '`', '') | list -%}
            {%- set found = adapter.get_relation(
                database=(parts[-3] if parts | length > 2 else target.database),
                schema=(parts[-2] if parts | length > 1 else target.schema),
                identifier=parts[-1]) -%}
        {%- else -%}
            {%- set found = load_relation(relation) -%}
        {%- endif -%}
        {%- if found is none -%}
            {{ return(false) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(true) }}
{% endmacro %}


{% macro frozen_through_value(as_of) %}
    {#- Last frozen day, 'YYYY-MM-DD': the scoring date minus var('lead_scoring_open_days'). -#}
    {%- set open_days = var('lead_scoring_open_days') | int -%}
    {%- if open_days < 1 -%}
        {{ exceptions.raise_compiler_error("var('lead_scoring_open_days') must be at least 1, got " ~ open_days) }}
    {%- endif -%}
    {%- set day = modules.datetime.datetime.strptime(lead_scoring.as_of_value(as_of), '%Y-%m-%d') -%}
    {{ return((day - modules.datetime.timedelta(days=open_days)).strftime('%Y-%m-%d')) }}
{% endmacro %}


{% macro next_day_value(day) %}
    {#- The day after 'YYYY-MM-DD', same format. -#}
    {%- set parsed = modules.datetime.datetime.strptime(day, '%Y-%m-%d') -%}
    {{ return((parsed + modules.datetime.timedelta(days=1)).strftime('%Y-%m-%d')) }}
{% endmacro %}


{% macro event_state_fingerprint_sql() %}
    {#- One hash of everything the event state depends on besides the events (and the
        email output mode, which events_quarantined stores). -#}
    select {{ dbt.hash(lead_scoring.ordered_listagg('part', "'~'", 'part')) }} as fingerprint
    from (
        select
            -- map_v2: values match whole values or path segments (v1 matched prefixes);
            -- map_v3: events may carry a value (value_property, max_value_per_event).
            'map_v3|' || source_event_type || '|' || coalesce(match_field, '') || '|'
            || coalesce(lower(trim(match_value)), '') || '|' || signal || '|'
            || coalesce(value_property, '') || '|'
            || coalesce(cast(max_value_per_event as {{ dbt.type_string() }}), '') as part
        from {{ lead_scoring.settings_table('event_signal_map') }}
        union all
        select
            'decay|' || signal || '|' || decay_mode || '|'
            || coalesce(cast(half_life_days as {{ dbt.type_string() }}), '') || '|'
            || coalesce(cast(window_days as {{ dbt.type_string() }}), '') as part
        from {{ lead_scoring.settings_table('signal_weights') }}
        union all
        select 'open_days|{{ var("lead_scoring_open_days") }}' as part
        union all
        select 'email_output|{{ lead_scoring.email_output_mode() }}|'
            || {{ dbt.hash(lead_scoring.quoted_string(lead_scoring.email_salt()
                if lead_scoring.email_output_mode() == 'hash' else '')) }} as part
        union all
        select 'deduplicate|{{ var("lead_scoring_deduplicate_events", true) }}' as part
        union all
        -- How changes on frozen days are found (frozen_events_checksums): switching method
        -- rebuilds the state, whose stored checksums the other method cannot compare.
        select 'change_detection|{{ var("lead_scoring_events_loaded_at", none) or "checksum" }}' as part
    ) as parts
{% endmacro %}


{% macro frozen_events_checksums(days) %}
    {#- Checksums of the events (with a time) dated before each day of days
        ('YYYY-MM-DD'), in one scan, by one of two methods (var lead_scoring_events_loaded_at):

        - 'checksum' (the default): per day, the number of events plus the sum of a 64-bit
          hash of each event's every column, folded into 30 bits so that the sum of up to 8e9
          events fits a bigint. The columns are hashed as the raw activity_events input holds
          them (raw_input), before the staging view cleans them: the staged events are a
          function of those, so any change to a staged event changes the checksum too, and
          hashing the raw values skips the staging's trims (at 100M events, 4.7 s against
          12.4 s). Order-independent; any insert, delete or update on those days changes it
          (short of a 1 in 2^30 coincidence), where a count misses a delete plus an insert.
        - 'loaded_at' (var lead_scoring_events_loaded_at names the column the loader stamps
          on every row it writes, such as _fivetran_synced): per day, the number of events,
          the number with a stamp and the latest stamp, folded by an MD5 into 60 bits. A
          new, edited or re-delivered row carries a stamp later than any before it and a
          deleted row lowers the count, so any change the loader makes changes it; the scan
          reads two columns instead of every column (at 100M events, about 0.6 s against
          3.6-5.9 s). A change written without a new stamp (an UPDATE by hand) is not seen:
          --full-refresh after one.

        Days are compared as the staging view casts them. Returns a list of ints, one per
        day. Every event-state model plans twice (its pre-hook and its body) and asks for the
        same days, so the checksums of this dbt invocation are kept in a small table
        (checksum_cache_relation) and each is computed once per run. -#}
    {#- Only runs and builds keep them: compile and docs generate plan too, but change nothing. -#}
    {%- set cache = lead_scoring.checksum_cache_relation() if flags.WHICH in ['run', 'build'] else none -%}
    {%- set known = {} -%}
    {%- if cache is not none -%}
        {%- set literals = [] -%}
        {%- for day in days %}{% do literals.append("'" ~ day ~ "'") %}{% endfor -%}
        {%- set cached = run_query(
            "select before_day, checksum from " ~ cache ~ " where invocation_id = '" ~ invocation_id
            ~ "' and before_day in (" ~ literals | join(', ') ~ ")") -%}
        {%- for row in cached.rows %}{% do known.update({row[0]: row[1] | int}) %}{% endfor -%}
    {%- endif -%}
    {%- set missing = [] -%}
    {%- for day in days | unique %}{% if day not in known %}{% do missing.append(day) %}{% endif %}{% endfor -%}
    {%- if missing -%}
        {%- set raw_events = lead_scoring.raw_input('activity_events') -%}
        {%- set loaded_at = lead_scoring.events_loaded_at_column(raw_events) -%}
        {%- set query -%}
            select
                {%- for day in missing %}
                    {%- set before_day = "occurred_at < cast('" ~ day ~ "' as " ~ dbt.type_timestamp() ~ ")" %}
                    {%- if loaded_at is none %}
                count(case when {{ before_day }} then 1 end)
                + coalesce(sum(case when {{ before_day }} then event_hash end), 0) as checksum_{{ loop.index }}
                    {%- else %}
                count(case when {{ before_day }} then 1 end) as events_{{ loop.index }},
                count(case when {{ before_day }} then loaded_at end) as stamped_{{ loop.index }},
                max(case when {{ before_day }} then loaded_at end) as latest_{{ loop.index }}
                    {%- endif %}
                {%- if not loop.last %},{% endif %}
                {%- endfor %}
            from (
                -- Each event read once, whatever the number of days asked for.
                select
                    cast(occurred_at as {{ dbt.type_timestamp() }}) as occurred_at,
                    {%- if loaded_at is none %}
                    {%- set columns = ['event_id', 'lead_id', 'email', 'event_type', 'occurred_at', 'url', 'campaign_id',
                        'properties'] %}
                    mod({{ lead_scoring.key_hash(columns) }}, 1073741823) as event_hash
                    {%- else %}
                    {{ adapter.quote(loaded_at) }} as loaded_at
                    {%- endif %}
                from {{ raw_events }} as raw_events
                where cast(occurred_at as {{ dbt.type_timestamp() }}) < cast('{{ missing | max }}' as {{ dbt.type_timestamp() }})
            ) as frozen_events
        {%- endset -%}
        {%- set row = run_query(query).rows[0] -%}
        {%- set values = [] -%}
        {%- for day in missing -%}
            {%- if loaded_at is none -%}
                {%- set checksum = row[loop.index0] | int -%}
            {%- else -%}
                {%- set parts = row[3 * loop.index0:3 * loop.index0 + 3] | map('string') | join('|') -%}
                {%- set checksum = local_md5('loaded_at|' ~ parts)[:15] | int(base=16) -%}
            {%- endif -%}
            {%- do known.update({day: checksum}) -%}
            {%- do values.append("('" ~ invocation_id ~ "', '" ~ day ~ "', " ~ checksum ~ ")") -%}
        {%- endfor -%}
        {%- if cache is not none -%}
            {%- do run_query("insert into " ~ cache ~ " (invocation_id, before_day, checksum) values "
                ~ values | join(', ')) -%}
        {%- endif -%}
    {%- endif -%}
    {%- set result = [] -%}
    {%- for day in days %}{% do result.append(known[day]) %}{% endfor -%}
    {{ return(result) }}
{% endmacro %}


{% macro events_loaded_at_column(raw_events) %}
    {#- The column of the raw activity_events input (raw_events) named by var
        lead_scoring_events_loaded_at, as that input spells it, or none when the var is unset.
        A name the input does not have stops the run, naming the var and the input's columns. -#}
    {%- set wanted = var('lead_scoring_events_loaded_at', none) -%}
    {%- if not wanted -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set names = run_query('select * from ' ~ raw_events ~ ' where 1 = 0').column_names -%}
    {%- for name in names -%}
        {%- if name | lower == wanted | lower -%}
            {{ return(name) }}
        {%- endif -%}
    {%- endfor -%}
    {{ exceptions.raise_compiler_error(
        "var lead_scoring_events_loaded_at: the raw activity_events input (" ~ raw_events ~ ") has no column '"
        ~ wanted ~ "'; its columns are " ~ names | join(', ')) }}
{% endmacro %}


{% macro checksum_cache_relation() %}
    {#- The table of frozen_events_checksums when it exists (the on-run-start hook
        prepare_checksum_cache makes it), else none. -#}
    {%- set relation = lead_scoring.checksum_cache_table() -%}
    {{ return(relation if relation is not none and load_relation(relation) is not none else none) }}
{% endmacro %}


{% macro checksum_cache_table() %}
    {{ return(adapter.dispatch('checksum_cache_table', 'lead_scoring')()) }}
{% endmacro %}

{#- Where frozen_events_checksums keeps a run's checksums (invocation_id, before_day, checksum):
    event_state_checksums, beside int_lead_signal_history (found in the graph, so that no
    model depends on it). The on-run-start hook creates and empties it, before any model runs
    and outside their transactions, so that models running at once only read and insert (two
    that miss the same day both compute it and insert the same value). -#}
{% macro default__checksum_cache_table() %}
    {%- set home = graph.nodes.values() | selectattr('resource_type', 'equalto', 'model')
        | selectattr('package_name', 'equalto', 'lead_scoring')
        | selectattr('name', 'equalto', 'int_lead_signal_history') | first -%}
    {{ return(api.Relation.create(database=home.database, schema=home.schema, identifier='event_state_checksums')) }}
{% endmacro %}

{#- Spark rebuilds the event state on every run (spark__event_state_materialization): no cache. -#}
{% macro spark__checksum_cache_table() %}
    {{ return(none) }}
{% endmacro %}


{% macro event_state_latest(relation) %}
    {#- The last row of an event-state relation (the latest frozen_through it was built for): a
        dict with frozen_through (text), fingerprint and checksum (of the frozen events), or
        none when it holds no row. Its own plan reads it (event_state_plan), and so does a
        model that relies on another state holding the same frozen events
        (unmatched_pairs_condition). -#}
    {%- set rows = run_query(
        'select cast(frozen_through as ' ~ dbt.type_string() ~ '), state_fingerprint, frozen_source_checksum from '
        ~ relation ~ ' order by frozen_through desc limit 1'
    ).rows -%}
    {%- if rows | length == 0 -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return({'frozen_through': rows[0][0], 'fingerprint': rows[0][1], 'checksum': rows[0][2]}) }}
{% endmacro %}


{% macro event_state_plan(as_of, follows_owners=false) %}
    {#- How an event-state model brings itself up to date; returns a dict:
        mode ('rebuild' or 'fold'), reason, frozen_through, fold_after (stored
        frozen_through when folding), frozen_source_checksum, fingerprint, refold. Reads the
        model's own stored state through {{ this }}. follows_owners: the model keeps events
        by lead, so a fold also checks int_event_pair_owners for frozen events that moved to
        another lead (owner_refold_check: refold true, or a rebuild). -#}
    {%- set frozen_through = lead_scoring.frozen_through_value(as_of) -%}
    {%- set plan = {
        'mode': 'rebuild', 'reason': 'full build', 'frozen_through': frozen_through,
        'fold_after': none, 'frozen_source_checksum': 0, 'fingerprint': '', 'refold': false
    } -%}
    {%- if not lead_scoring.can_query_inputs([lead_scoring.settings_table('event_signal_map'), lead_scoring.settings_table('signal_weights'), ref('lead_scoring', 'stg_lead_scoring__activity_events')]) -%}
        {{ return(plan) }}
    {%- endif -%}
    {#- The stored state's last row, when there is one: its frozen day's checksum is taken in
        the same scan as the new frozen day's. -#}
    {%- set stored = lead_scoring.event_state_latest(this) if is_incremental() else none -%}
    {%- set days = [lead_scoring.next_day_value(frozen_through)] -%}
    {%- if stored is not none -%}
        {%- do days.append(lead_scoring.next_day_value(stored.frozen_through[:10])) -%}
    {%- endif -%}
    {%- set checksums = lead_scoring.frozen_events_checksums(days) -%}
    {%- do plan.update({
        'fingerprint': run_query(lead_scoring.event_state_fingerprint_sql()).columns[0].values()[0],
        'frozen_source_checksum': checksums[0],
    }) -%}
    {%- if is_incremental() -%}
        {%- if stored is none -%}
            {%- do plan.update({'reason': 'empty state'}) -%}
        {%- else -%}
            {%- set stored_frozen, stored_fingerprint, stored_checksum = stored.frozen_through, stored.fingerprint, stored.checksum -%}
            {%- if stored_fingerprint != plan.fingerprint -%}
                {%- do plan.update({'reason': 'seeds or settings the state depends on changed'}) -%}
            {%- elif frozen_through < stored_frozen -%}
                {%- do plan.update({'reason': 'scoring date earlier than the state'}) -%}
            {%- elif checksums[1] != stored_checksum | int -%}
                {%- do plan.update({'reason': 'events changed on frozen days'}) -%}
            {%- else -%}
                {%- do plan.update({'mode': 'fold', 'reason': 'fold new frozen days', 'fold_after': stored_frozen}) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endif -%}
    {%- if follows_owners and plan.mode == 'fold' -%}
        {%- set plan = lead_scoring.owner_refold_check(plan) -%}
    {%- endif -%}
    {#- Said only when building: docs generate and compile plan too, but change nothing. -#}
    {%- if flags.WHICH in ['run', 'build'] -%}
    {%- do log(this.identifier ~ ': ' ~ plan.mode ~ ' (' ~ plan.reason ~ '), frozen through ' ~ frozen_through, info=true) -%}
    {%- endif -%}
    {{ return(plan) }}
{% endmacro %}


{% macro folded_days_condition(plan) %}
    {#- A condition on occurred_at: the events of the frozen days a run folds (every day up to
        plan.frozen_through on a rebuild; the days after plan.fold_after on a fold). -#}
    occurred_at < cast('{{ lead_scoring.next_day_value(plan.frozen_through) }}' as {{ dbt.type_timestamp() }})
    {%- if plan.mode == 'fold' %}
        and occurred_at >= cast('{{ lead_scoring.next_day_value(plan.fold_after) }}' as {{ dbt.type_timestamp() }})
    {%- endif %}
{% endmacro %}


{% macro event_state_pre_hook(as_of, day_column=none, owner_refold=none) %}
    {#- Pre-hook of an event-state model: on an incremental rebuild, empty the state;
        when folding a model keyed by day (day_column), drop the days it recomputes; when
        folding a model that follows the owners of frozen events (owner_refold: 'lead' or
        'quarantine', see owner_refold_delete) and pairs moved, drop what the refold derives again. -#}
    {%- if execute and is_incremental() -%}
        {%- set plan = lead_scoring.event_state_plan(as_of, follows_owners=owner_refold is not none) -%}
        {%- if plan.mode == 'rebuild' -%}
            delete from {{ this }}
        {%- else -%}
            {%- if day_column -%}
                delete from {{ this }}
                where {{ day_column }} is null or {{ day_column }} > cast('{{ plan.fold_after }}' as date)
                {%- if plan.refold %};{% endif %}
            {% endif -%}
            {%- if plan.refold -%}
                {{ lead_scoring.owner_refold_delete(plan, owner_refold) }}
            {%- endif -%}
        {%- endif -%}
    {%- endif -%}
{% endmacro %}


{% macro windowed_signal_scope() %}
    {#- What the frozen days of linear and window signals need (int_lead_signal_recent_days
        keeps those days, because their points depend on each day's age): a dict with
        max_window_days (0 when there is no such signal) and event_types (the source event
        types that can map to such a signal). Empty when the seeds cannot be read yet. -#}
    {%- set scope = {'max_window_days': 0, 'event_types': []} -%}
    {%- if lead_scoring.can_query_inputs([lead_scoring.settings_table('signal_weights'), lead_scoring.settings_table('event_signal_map')]) -%}
        {%- set query -%}
            select
                coalesce(max(weights.window_days), 0) as max_window_days,
                {{ dbt.listagg('distinct mappings.source_event_type', "'|'") }} as event_types
            from {{ lead_scoring.settings_table('signal_weights') }} as weights
            inner join {{ lead_scoring.settings_table('event_signal_map') }} as mappings
                on weights.signal = mappings.signal
            where weights.decay_mode in ('linear', 'window')
        {%- endset -%}
        {%- set row = run_query(query).rows[0] -%}
        {%- do scope.update({
            'max_window_days': row[0] | int,
            'event_types': (row[1] or '').split('|') | reject('equalto', '') | list,
        }) -%}
    {%- endif -%}
    {{ return(scope) }}
{% endmacro %}


{% macro windowed_days_prune_pre_hook(as_of) %}
    {#- Second pre-hook of int_lead_signal_recent_days, after event_state_pre_hook: delete the
        stored frozen days no longer inside the window of their signal on the new scoring
        date (and any frozen day of a signal that is not linear or window). When folding,
        this leaves the frozen window days still needed; after a rebuild's delete it finds
        nothing. Deliberately not planned again: the first pre-hook has already changed
        the stored rows the plan reads. -#}
    {%- if execute and is_incremental() -%}
        delete from {{ this }} as stored
        where
            stored.activity_date <= cast('{{ lead_scoring.frozen_through_value(as_of) }}' as date)
            and not exists (
                select 1
                from {{ lead_scoring.settings_table('signal_weights') }} as weights
                where
                    weights.signal = stored.signal
                    and weights.decay_mode in ('linear', 'window')
                    and {{ lead_scoring.days_between('stored.activity_date', lead_scoring.as_of_date(as_of)) }}
                    < weights.window_days
            )
    {%- endif -%}
{% endmacro %}


{% macro trend_period_days() %}
    {#- Days of events behind the account trend: the scoring week and the three weeks before
        it (int_lead_engagement_frozen_days keeps the frozen ones, int_account_weekly_activity adds them up). -#}
    {{ return(28) }}
{% endmacro %}


{% macro trailing_period_start(as_of, days) %}
    {#- The first of the trailing days days that end on the scoring date, 'YYYY-MM-DD'. -#}
    {%- set day = modules.datetime.datetime.strptime(lead_scoring.as_of_value(as_of), '%Y-%m-%d') -%}
    {{ return((day - modules.datetime.timedelta(days=days - 1)).strftime('%Y-%m-%d')) }}
{% endmacro %}


{% macro trailing_days_prune_pre_hook(as_of, days, day_column) %}
    {#- Pre-hook of an event-state model that keeps only the trailing days days up to the
        scoring date (after event_state_pre_hook): delete the stored days before them. -#}
    {%- if execute and is_incremental() -%}
        delete from {{ this }}
        where {{ day_column }} < cast('{{ lead_scoring.trailing_period_start(as_of, days) }}' as date)
    {%- endif -%}
{% endmacro %}


{% macro event_state_hooks(day_column=none, prune_hook=none, owner_refold=none) %}
    {#- The hooks of an event-state model, for its config (pre_hook=..., post_hook=...): first
        event_state_pre_hook (empty the state on a rebuild, or drop the days a fold
        re-derives), then the model's own prune hook if any, then the session settings of the
        models that read events (event_scan_session_settings), reset by the post-hook.
        day_column: the model's day column, for a state kept by day; prune_hook: the SQL-free
        call of a further pre-hook macro, e.g. "lead_scoring.windowed_days_prune_pre_hook(var('as_of'))";
        owner_refold: 'lead' or 'quarantine' for a model that follows the owners of frozen
        events (event_state_pre_hook). -#}
    {%- set day_argument = ", day_column='" ~ day_column ~ "'" if day_column else "" -%}
    {%- set owner_argument = ", owner_refold='" ~ owner_refold ~ "'" if owner_refold else "" -%}
    {%- set pre_hooks = ["{{ lead_scoring.event_state_pre_hook(var('as_of')" ~ day_argument ~ owner_argument ~ ") }}"] -%}
    {%- if prune_hook -%}
        {%- do pre_hooks.append("{{ " ~ prune_hook ~ " }}") -%}
    {%- endif -%}
    {%- do pre_hooks.append("{{ lead_scoring.event_scan_session_settings() }}") -%}
    {{ return({'pre_hook': pre_hooks, 'post_hook': ["{{ lead_scoring.event_scan_session_reset() }}"]}) }}
{% endmacro %}


{% macro prepare_checksum_cache() %}
    {#- on-run-start: the SQL that creates the table of checksum_cache_table when missing and
        empties it, so each invocation starts with none; a no-op select where there is no
        cache (Spark) or nothing is built. -#}
    {%- set relation = lead_scoring.checksum_cache_table() if execute and flags.WHICH in ['run', 'build'] else none -%}
    {%- if relation is not none -%}
        {%- do adapter.create_schema(relation.without_identifier()) -%}
        {#- The adapter's cache of relations was filled before the hooks: tell it. -#}
        {%- do adapter.cache_added(relation.incorporate(type='table')) -%}
        create table if not exists {{ relation }} (
            invocation_id {{ dbt.type_string() }},
            before_day {{ dbt.type_string() }},
            checksum {{ dbt.type_bigint() }}
        );
        delete from {{ relation }}
    {%- else -%}
        select 1 as no_checksum_cache
    {%- endif -%}
{% endmacro %}
