{{ config(schema=lead_scoring.model_schema('intermediate'), tags=['lead_scoring_model_specific']) }}
{%- set as_of = lead_scoring.as_of_date(var('as_of')) -%}

with

leads as (
    select * from {{ ref('lead_scoring', 'int_leads_enriched') }}
    where {{ lead_scoring.lead_exists_on('created_at', as_of) }}
),

signals as (
    select * from {{ ref('lead_scoring', 'int_lead_signals_decayed') }}
),

signal_weights as (
    select signal, is_engagement from {{ lead_scoring.scoring_settings('signal_weights') }}
),

sales_status as (
    select * from {{ ref('lead_scoring', 'int_lead_sales_status') }}
),

-- Last engagement, and the attributes var lead_scoring_signal_attributes reads from events.
activity as (
    select
        signals.lead_id,
        max(case when signal_weights.is_engagement then signals.last_occurred_at end) as last_activity_at
        {{- lead_scoring.signal_attribute_aggregates('signals') | indent(4) }}
    from signals
    inner join signal_weights
        on signals.signal = signal_weights.signal
    group by signals.lead_id
),

final as (
    select
        leads.lead_id,
        leads.account_id,
        -- The attributes read from the CRM rows (rules on them: int_lead_crm_rules_matched) ...
        {{ lead_scoring.crm_attribute_columns('leads') | indent(8) }},
        -- ... and those that move with the scoring date (rules on them: int_lead_dated_rules_matched).
        coalesce(sales_status.lifecycle_stage, 'unknown') as lifecycle_stage,
        -- Sales flags for lead_scores_current's SQL rule (read here, where the status is joined).
        coalesce(sales_status.has_sales_stage, false) as has_sales_stage,
        coalesce(sales_status.has_open_opportunity, false) as has_open_opportunity,
        -- Days without engagement, counted from the lead's creation when it never engaged.
        cast({{ lead_scoring.days_between(
            'cast(coalesce(activity.last_activity_at, leads.created_at) as date)', as_of
        ) }} as {{ lead_scoring.type_double() }}) as days_inactive
        {{- lead_scoring.declared_attribute_columns('activity') | indent(4) }},
        activity.last_activity_at,
        {{ lead_scoring.days_between('cast(activity.last_activity_at as date)', as_of) }}
            as days_since_last_activity,
        -- Share of the firmographic and demographic attributes that fit rules rely on that are known.
        cast(
            (case when leads.job_title is not null then 1 else 0 end)
            + (case when leads.employee_count is not null then 1 else 0 end)
            + (case when leads.industry is not null then 1 else 0 end)
            + (case when leads.country is not null then 1 else 0 end)
            + (case when leads.annual_revenue is not null then 1 else 0 end)
            as {{ lead_scoring.type_double() }}
        ) / 5 as fit_confidence
    from leads
    left join activity
        on leads.lead_id = activity.lead_id
    left join sales_status
        on leads.lead_id = sales_status.lead_id
)

select * from final
