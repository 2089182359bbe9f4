{%- set groups = var('lead_scoring_intent_groups') -%}

with

leads as (
    select lead_id from {{ ref('lead_scoring', 'int_lead_attributes') }}
),

signals as (
    select * from {{ ref('lead_scoring', 'int_lead_signals_decayed') }}
),

signal_weights as (
    select signal, is_hand_raiser, is_strong_intent from {{ lead_scoring.settings_table('signal_weights') }}
),

signal_points as (
    select
        lead_id,
        signal_group as rule_group,
        capped_points as points
    from signals
),

intent_rollup as (
    {{ lead_scoring.rollup_capped_groups(
        'intent', 'signal_points', lead_scoring.settings_table('score_caps'), groups, direction='positive'
    ) | indent(4) }}
),

signal_facts as (
    select
        signals.lead_id,
        sum(signals.event_count) as event_count,
        min(case when signal_weights.is_hand_raiser then signals.days_since_last end)
            as days_since_hand_raiser,
        min(case when signal_weights.is_strong_intent then signals.days_since_last end)
            as days_since_strong_intent
    from signals
    inner join signal_weights
        on signals.signal = signal_weights.signal
    group by signals.lead_id
),

final as (
    select
        leads.lead_id,
        {%- for group in groups %}
            coalesce(intent_rollup.intent_{{ group }}_points, 0) as intent_{{ group }}_points,
        {%- endfor %}
        coalesce(signal_facts.event_count, 0) as scored_event_count,
        signal_facts.days_since_hand_raiser,
        signal_facts.days_since_strong_intent,
        coalesce(intent_rollup.intent_score, 0) as intent_score
    from leads
    left join intent_rollup
        on leads.lead_id = intent_rollup.lead_id
    left join signal_facts
        on leads.lead_id = signal_facts.lead_id
)

select * from final
