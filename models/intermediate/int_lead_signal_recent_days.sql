-- The open part of the event history, recomputed on every run: one row per lead,
-- signal and day for days after frozen_through up to the scoring date (late events
-- for these days are simply picked up), plus the frozen days that linear and window
-- signals still need (their points depend on each day's age, not on a running sum).
{%- set as_of = lead_scoring.as_of_date(var('as_of')) %}
{%- set frozen_through = lead_scoring.frozen_through_value(var('as_of')) %}
{%- set max_window_days = 0 %}
{%- set windowed_event_types = [] %}
{%- set inputs = [lead_scoring.settings_table('signal_weights'), lead_scoring.settings_table('event_signal_map')] %}
{%- if lead_scoring.can_query_inputs(inputs) %}
    {#- Frozen days are only needed for linear and window signals: scan them only for the
        source event types that can map to such a signal. -#}
    {%- set window_query -%}
        select
            coalesce(max(weights.window_days), 0) as max_window_days,
            {{ dbt.listagg('distinct mappings.source_event_type', "'|'") }} as event_types
        from {{ lead_scoring.settings_table('signal_weights') }} as weights
        inner join {{ lead_scoring.settings_table('event_signal_map') }} as mappings
            on weights.signal = mappings.signal
        where weights.decay_mode in ('linear', 'window')
    {%- endset -%}
    {%- set window_row = run_query(window_query).rows[0] %}
    {%- set max_window_days = window_row[0] | int %}
    {%- set windowed_event_types = (window_row[1] or '').split('|') | reject('equalto', '') | list %}
{%- endif %}
{%- set as_of_day = modules.datetime.datetime.strptime(lead_scoring.as_of_value(var('as_of')), '%Y-%m-%d') %}
{%- set window_start = (as_of_day - modules.datetime.timedelta(days=max_window_days)).strftime('%Y-%m-%d') %}
{%- set open_start = lead_scoring.next_day_value(frozen_through) %}
{%- set scan_from = [window_start, open_start] | min %}
{%- set scan_until = lead_scoring.next_day_value(lead_scoring.as_of_value(var('as_of'))) %}

{#- Frozen days matter only for the event types of linear and window signals. -#}
{%- set windowed_literals = [] %}
{%- for event_type in windowed_event_types %}
    {%- do windowed_literals.append(lead_scoring.quoted_string(event_type) | trim) %}
{%- endfor %}
{%- set wanted_copies = "occurred_at >= cast('" ~ open_start ~ "' as " ~ dbt.type_timestamp() ~ ")"
    ~ (" or event_type in (" ~ windowed_literals | join(", ") ~ ")" if windowed_literals else "") %}

with

events as (
    select
        lead_id,
        signal,
        activity_date,
        occurred_at
    from ({{ lead_scoring.mapped_events(
        "occurred_at >= cast('" ~ scan_from ~ "' as " ~ dbt.type_timestamp() ~ ")"
        ~ " and occurred_at < cast('" ~ scan_until ~ "' as " ~ dbt.type_timestamp() ~ ")",
        wanted_copies
    ) }}) as mapped_events
    -- Again after deduplication: the events read for a wanted copy bring their other copies.
    where
        quarantine_reason is null
        and ({{ wanted_copies }})
),

signal_weights as (
    select signal, decay_mode, window_days from {{ lead_scoring.settings_table('signal_weights') }}
),

per_day as (
    select
        lead_id,
        signal,
        activity_date,
        count(*) as event_count,
        max(occurred_at) as last_occurred_at
    from events
    group by lead_id, signal, activity_date
),

final as (
    select
        per_day.lead_id,
        per_day.signal,
        per_day.activity_date,
        per_day.event_count,
        per_day.last_occurred_at,
        per_day.activity_date <= cast('{{ frozen_through }}' as date) as is_frozen_day
    from per_day
    inner join signal_weights
        on per_day.signal = signal_weights.signal
    where
        per_day.activity_date > cast('{{ frozen_through }}' as date)
        or (
            signal_weights.decay_mode in ('linear', 'window')
            and {{ lead_scoring.days_between('per_day.activity_date', as_of) }} < signal_weights.window_days
        )
)

select * from final
