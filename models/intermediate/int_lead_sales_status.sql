{{ config(materialized='view') }}
{%- set as_of = lead_scoring.as_of_date(var('as_of')) -%}

with

leads as (
    select lead_id, account_id, crm_status from {{ ref('lead_scoring', 'int_leads_deduplicated') }}
    where not is_deleted
),

status_history as (
    select * from {{ ref('lead_scoring', 'stg_lead_scoring__crm_lead_status_history') }}
),

opportunities as (
    select * from {{ ref('lead_scoring', 'stg_lead_scoring__crm_opportunities') }}
    where cast(created_at as date) <= {{ as_of }}
),

status_map as (
    select * from {{ lead_scoring.settings_table('lead_status_map') }}
),

history_as_of as (
    select
        status_history.lead_id,
        status_history.changed_at,
        coalesce(status_map.lifecycle_stage, 'unknown') as lifecycle_stage,
        -- The latest status; on a tie of times a known status wins over a null one.
        row_number() over (
            partition by status_history.lead_id
            order by status_history.changed_at desc nulls last, status_history.crm_status desc nulls last
        ) as recency_rank
    from status_history
    left join status_map
        on status_history.crm_status = status_map.crm_status
    where cast(status_history.changed_at as date) <= {{ as_of }}
),

history_per_lead as (
    select
        lead_id,
        max(case when recency_rank = 1 then lifecycle_stage end) as lifecycle_stage,
        min(
            case when lifecycle_stage in ('sales_accepted', 'sales_qualified', 'converted') then changed_at end
        ) as first_sales_stage_at
    from history_as_of
    group by lead_id
),

leads_with_any_history as (
    select distinct lead_id from status_history
),

open_opportunities as (
    -- Open on the scoring date: created by then and not closed by then.
    select account_id, lead_id
    from opportunities
    where not (
            is_closed and (closed_at is null or cast(closed_at as date) <= {{ as_of }})
        )
),

open_by_lead as (
    select lead_id, count(*) as open_opportunity_count
    from open_opportunities
    where lead_id is not null
    group by lead_id
),

open_by_account as (
    select account_id, count(*) as open_opportunity_count
    from open_opportunities
    where account_id is not null
    group by account_id
),

stages as (
    select
        leads.lead_id,
        -- Stage on the scoring date: the last change by then; a lead whose history
        -- starts later was still open; a lead without history has its CRM status.
        case
            when history_per_lead.lead_id is not null then history_per_lead.lifecycle_stage
            when leads_with_any_history.lead_id is not null then 'open'
            else coalesce(current_status_map.lifecycle_stage, 'unknown')
        end as lifecycle_stage,
        history_per_lead.first_sales_stage_at,
        coalesce(open_by_lead.open_opportunity_count, 0) as lead_open_opportunity_count,
        coalesce(open_by_account.open_opportunity_count, 0) as account_open_opportunity_count
    from leads
    left join history_per_lead
        on leads.lead_id = history_per_lead.lead_id
    left join leads_with_any_history
        on leads.lead_id = leads_with_any_history.lead_id
    left join status_map as current_status_map
        on leads.crm_status = current_status_map.crm_status
    left join open_by_lead
        on leads.lead_id = open_by_lead.lead_id
    left join open_by_account
        on leads.account_id = open_by_account.account_id
),

final as (
    select
        *,
        -- A sales-side fact: sales accepted, qualified or converted the lead by the
        -- scoring date, and has not disqualified it since.
        (
            first_sales_stage_at is not null
            or lifecycle_stage in ('sales_accepted', 'sales_qualified', 'converted')
        )
        and lifecycle_stage != 'disqualified' as has_sales_stage,
        lead_open_opportunity_count + account_open_opportunity_count > 0 as has_open_opportunity
    from stages
)

select * from final
