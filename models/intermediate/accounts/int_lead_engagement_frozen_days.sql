{%- set prune = "lead_scoring.trailing_days_prune_pre_hook("
    ~ "var('as_of'), lead_scoring.trend_period_days(), 'activity_date')" %}
{%- set hooks = lead_scoring.event_state_hooks(day_column='activity_date', prune_hook=prune, owner_refold='lead') %}
{{ config(
    materialized=lead_scoring.event_state_materialization(),
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook=hooks.pre_hook,
    post_hook=hooks.post_hook,
) }}
-- depends_on: {{ lead_scoring.settings_table('event_signal_map') }}
-- depends_on: {{ lead_scoring.settings_table('signal_weights') }}
-- depends_on: {{ lead_scoring.raw_input('activity_events') }}
-- depends_on: {{ ref('lead_scoring', 'int_event_pair_owners') }}
-- depends_on: {{ ref('lead_scoring', 'int_frozen_events_moved') }}
-- One row per lead, signal and frozen day (on or before frozen_through) with scorable events,
-- among the trend_period_days() (28) days up to the scoring date: the part of the account
-- trend's days that int_lead_signal_recent_days does not keep (it keeps the open days after
-- frozen_through for every signal; int_account_weekly_activity adds the two up). Incremental
-- with the plan of the event state (macros/event_state.sql): a fold reads only the events of
-- the days that froze since the stored frozen_through (one day on a daily run); a change to
-- frozen days' events or to the seeds the state depends on rebuilds it; its pre-hooks drop
-- what a fold re-derives and the days that have left the 28 days. Kept per signal, so editing
-- is_engagement in signal_weights needs no rebuild. When the CRM moves frozen events to another
-- lead (int_event_pair_owners), the pre-hook deletes the rows of the leads concerned and the
-- fold reads their frozen days again (moved_events).
{%- set plan = lead_scoring.event_state_plan(var('as_of'), follows_owners=true) %}
{%- set period_start = lead_scoring.trailing_period_start(var('as_of'), lead_scoring.trend_period_days()) %}
{%- set scan_from = period_start %}
{%- if plan.mode == 'fold' %}
    {%- set scan_from = [period_start, lead_scoring.next_day_value(plan.fold_after)] | max %}
{%- endif %}
{%- set scan_until = lead_scoring.next_day_value(plan.frozen_through) %}

with

events as (
    select lead_id, signal, activity_date
    from ({{ lead_scoring.mapped_events(
        "occurred_at >= cast('" ~ scan_from ~ "' as " ~ dbt.type_timestamp() ~ ")"
        ~ " and occurred_at < cast('" ~ scan_until ~ "' as " ~ dbt.type_timestamp() ~ ")"
    ) }}) as mapped_events
    where quarantine_reason is null
    {%- if plan.refold %}
        union all
        -- The frozen days of the leads whose pairs moved (their rows were deleted).
        {{ lead_scoring.refold_events(plan, ['lead_id', 'signal', 'activity_date'], from_day=period_start) }}
    {%- endif %}
),

final as (
    select
        lead_id,
        signal,
        activity_date,
        cast(count(*) as {{ dbt.type_bigint() }}) as event_count,
        cast('{{ plan.frozen_through }}' as date) as frozen_through,
        cast({{ plan.frozen_source_checksum }} as {{ dbt.type_bigint() }}) as frozen_source_checksum,
        cast('{{ plan.fingerprint }}' as {{ dbt.type_string() }}) as state_fingerprint
    from events
    group by lead_id, signal, activity_date
)

select * from final
