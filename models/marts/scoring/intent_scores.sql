{{ config(schema=lead_scoring.model_schema(), tags=['lead_scoring_model_specific']) }}
{%- set groups = var('lead_scoring_intent_groups') -%}

with

leads as (
    select lead_id from {{ ref('lead_scoring', 'int_lead_attributes') }}
),

signals as (
    select * from {{ ref('lead_scoring', 'int_lead_signals_decayed') }}
),

signal_weights as (
    select signal, is_hand_raiser, is_strong_intent from {{ lead_scoring.scoring_settings('signal_weights') }}
),

signal_points as (
    select
        signals.lead_id,
        signals.signal_group as rule_group,
        signals.capped_points as points,
        signals.event_count,
        signals.days_since_last,
        signal_weights.is_hand_raiser,
        signal_weights.is_strong_intent
    from signals
    inner join signal_weights
        on signals.signal = signal_weights.signal
),

intent_rollup as (
    {{ lead_scoring.rollup_capped_groups(
        'intent', 'signal_points', lead_scoring.scoring_settings('score_caps'), groups, direction='positive',
        lead_aggregates={
            'event_count': 'sum(event_count)',
            'days_since_hand_raiser': 'min(case when is_hand_raiser then days_since_last end)',
            'days_since_strong_intent': 'min(case when is_strong_intent then days_since_last end)',
        }
    ) | indent(4) }}
),

final as (
    select
        leads.lead_id,
        {%- for group in groups %}
            coalesce(intent_rollup.intent_{{ group }}_points, 0) as intent_{{ group }}_points,
        {%- endfor %}
        {%- for group in groups %}
            coalesce(intent_rollup.intent_{{ group }}_points_before_cap, 0)
                as intent_{{ group }}_points_before_cap,
        {%- endfor %}
        cast(coalesce(intent_rollup.event_count, 0) as {{ dbt.type_bigint() }}) as scored_event_count,
        intent_rollup.days_since_hand_raiser,
        intent_rollup.days_since_strong_intent,
        coalesce(intent_rollup.intent_score, 0) as intent_score
    from leads
    left join intent_rollup
        on leads.lead_id = intent_rollup.lead_id
)

select * from final

-- Waits for the event conservation check (tests/singular/assert_every_event_is_scored_or_quarantined.sql):
-- dbt build holds a model back for a test only when the model descends from everything the test
-- reads, so these two are declared although not read here (at the end of the file: a
-- comment before the first with breaks unit tests' input injection).
-- depends_on: {{ ref('lead_scoring', 'events_quarantined') }}
-- depends_on: {{ ref('lead_scoring', 'int_events_mapped_to_signals') }}
