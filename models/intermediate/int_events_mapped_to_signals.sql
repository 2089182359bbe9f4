{{ config(materialized='view') }}
-- A view over every event, for inspection and the conservation test. The models that
-- read events (int_lead_signal_history, int_lead_signal_recent_days and
-- events_quarantined) call the same macro for just the days they need, so each
-- deduplicates only its own range (macros/mapped_events.sql).
{{ lead_scoring.mapped_events() }}
