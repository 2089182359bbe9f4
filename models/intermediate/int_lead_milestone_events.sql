-- Every dated occurrence of an outcome milestone (seeds/outcome_milestones.csv) known on the
-- scoring date, from the CRM tables as they stand: one row per source row (an opportunity, a
-- status change, or a lead whose status says it reached a stage) and milestone, for the lead
-- it counts for, with quarantine_reason set when it cannot count. lead_outcomes keeps the
-- first good occurrence per lead and milestone; outcomes_quarantined lists the others.
-- Occurrences dated after the scoring date are not known yet and left out.
{%- set as_of = lead_scoring.as_of_date(var('as_of')) %}

with

milestones as (
    select * from {{ lead_scoring.settings_table('outcome_milestones') }}
),

leads as (
    select lead_id, account_id, crm_status, created_at
    from {{ ref('lead_scoring', 'int_leads_deduplicated') }}
),

status_map as (
    select * from {{ lead_scoring.settings_table('lead_status_map') }}
),

-- Re-delivered opportunity rows (same id) count once: the first copy in a fixed order.
opportunities as (
    select
        *,
        row_number() over (
            partition by opportunity_id
            order by
                created_at nulls last, closed_at nulls last, lead_id nulls last, account_id nulls last,
                amount nulls last, stage nulls last
        ) as copy_number
    from {{ ref('lead_scoring', 'stg_lead_scoring__crm_opportunities') }}
),

opportunity_milestones as (
    select
        milestones.milestone,
        milestones.include_account_opportunities,
        opportunities.opportunity_id,
        opportunities.copy_number,
        opportunities.lead_id,
        opportunities.account_id,
        opportunities.amount,
        opportunities.created_at,
        opportunities.closed_at,
        case when milestones.source = 'opportunity_won' then opportunities.closed_at else opportunities.created_at end
            as reached_at,
        -- Won / lost / open as the opportunity stood on the scoring date.
        case
            when opportunities.is_closed and cast(opportunities.closed_at as date) <= {{ as_of }}
                then case when opportunities.is_won then 'won' else 'lost' end
            else 'open'
        end as opportunity_status,
        case
            when opportunities.opportunity_id is null then 'missing_opportunity_id'
            when opportunities.copy_number > 1 then 'duplicate_opportunity_id'
            when opportunities.lead_id is null and opportunities.account_id is null then 'no_lead_or_account'
            when opportunities.created_at is null then 'missing_created_at'
            when opportunities.closed_at < opportunities.created_at then 'closed_before_created'
            when milestones.source = 'opportunity_won' and opportunities.closed_at is null then 'won_without_close_date'
        end as row_problem
    from opportunities
    inner join milestones
        on
            milestones.source = 'opportunity_created'
            or (milestones.source = 'opportunity_won' and opportunities.is_won)
),

-- An opportunity naming its lead counts for that lead.
lead_opportunities as (
    select
        opportunity_milestones.milestone,
        'crm_opportunities' as source_table,
        opportunity_milestones.opportunity_id as source_key,
        opportunity_milestones.copy_number as source_copy,
        opportunity_milestones.lead_id,
        opportunity_milestones.account_id,
        opportunity_milestones.opportunity_id,
        'lead' as counted_via,
        opportunity_milestones.reached_at,
        opportunity_milestones.opportunity_status,
        opportunity_milestones.amount,
        coalesce(
            opportunity_milestones.row_problem,
            case
                when leads.lead_id is null then 'unknown_lead'
                when cast(opportunity_milestones.reached_at as date) < cast(leads.created_at as date)
                    then 'before_lead_created'
            end
        ) as quarantine_reason
    from opportunity_milestones
    left join leads
        on opportunity_milestones.lead_id = leads.lead_id
    where opportunity_milestones.lead_id is not null or opportunity_milestones.row_problem is not null
),

-- An opportunity naming only an account counts for the account's leads created before it,
-- when the milestone says so.
account_opportunities as (
    select
        opportunity_milestones.milestone,
        'crm_opportunities' as source_table,
        opportunity_milestones.opportunity_id as source_key,
        opportunity_milestones.copy_number as source_copy,
        leads.lead_id,
        opportunity_milestones.account_id,
        opportunity_milestones.opportunity_id,
        'account' as counted_via,
        opportunity_milestones.reached_at,
        opportunity_milestones.opportunity_status,
        opportunity_milestones.amount,
        cast(null as {{ dbt.type_string() }}) as quarantine_reason
    from opportunity_milestones
    inner join leads
        on opportunity_milestones.account_id = leads.account_id
    where
        opportunity_milestones.lead_id is null
        and opportunity_milestones.row_problem is null
        and opportunity_milestones.include_account_opportunities
        and cast(leads.created_at as date) <= cast(opportunity_milestones.reached_at as date)
),

status_changes as (
    select
        status_history.lead_id,
        status_history.crm_status,
        status_history.changed_at,
        status_map.lifecycle_stage,
        row_number() over (
            partition by status_history.lead_id, status_history.changed_at, status_history.crm_status
            order by status_history.lead_id
        ) as copy_number
    from {{ ref('lead_scoring', 'stg_lead_scoring__crm_lead_status_history') }} as status_history
    inner join status_map
        on status_history.crm_status = status_map.crm_status
),

status_milestones as (
    select
        milestones.milestone,
        'crm_lead_status_history' as source_table,
        {{ dbt.concat([
            "coalesce(status_changes.lead_id, '')", "'|'",
            "coalesce(cast(status_changes.changed_at as " ~ dbt.type_string() ~ "), '')", "'|'",
            "status_changes.crm_status"
        ]) }} as source_key,
        status_changes.copy_number as source_copy,
        status_changes.lead_id,
        leads.account_id,
        cast(null as {{ dbt.type_string() }}) as opportunity_id,
        'status' as counted_via,
        status_changes.changed_at as reached_at,
        cast(null as {{ dbt.type_string() }}) as opportunity_status,
        cast(null as {{ lead_scoring.type_double() }}) as amount,
        case
            when status_changes.lead_id is null then 'missing_lead_id'
            when leads.lead_id is null then 'unknown_lead'
            when status_changes.changed_at is null then 'missing_changed_at'
            when cast(status_changes.changed_at as date) < cast(leads.created_at as date) then 'before_lead_created'
        end as quarantine_reason
    from status_changes
    inner join milestones
        on
            milestones.source = 'status_stage'
            and {{ dbt.position(
                "'|' || status_changes.lifecycle_stage || '|'", "'|' || milestones.lifecycle_stages || '|'"
            ) }} > 0
    left join leads
        on status_changes.lead_id = leads.lead_id
),

-- A lead whose current CRM status is in a milestone's stages without any dated change into
-- them reached it on a day nobody recorded: listed, never counted.
undated_statuses as (
    select
        milestones.milestone,
        'crm_leads' as source_table,
        leads.lead_id as source_key,
        cast(1 as {{ dbt.type_bigint() }}) as source_copy,
        leads.lead_id,
        leads.account_id,
        cast(null as {{ dbt.type_string() }}) as opportunity_id,
        'status' as counted_via,
        cast(null as {{ dbt.type_timestamp() }}) as reached_at,
        cast(null as {{ dbt.type_string() }}) as opportunity_status,
        cast(null as {{ lead_scoring.type_double() }}) as amount,
        'undated_status' as quarantine_reason
    from leads
    inner join status_map
        on leads.crm_status = status_map.crm_status
    inner join milestones
        on
            milestones.source = 'status_stage'
            and {{ dbt.position(
                "'|' || status_map.lifecycle_stage || '|'", "'|' || milestones.lifecycle_stages || '|'"
            ) }} > 0
    left join status_milestones
        on
            leads.lead_id = status_milestones.lead_id
            and milestones.milestone = status_milestones.milestone
            and status_milestones.quarantine_reason is null
    where status_milestones.lead_id is null
),

combined as (
    select * from lead_opportunities
    union all
    select * from account_opportunities
    union all
    select * from status_milestones
    union all
    select * from undated_statuses
),

final as (
    select
        milestone,
        source_table,
        source_key,
        cast(source_copy as {{ dbt.type_bigint() }}) as source_copy,
        lead_id,
        account_id,
        opportunity_id,
        counted_via,
        reached_at,
        cast(reached_at as date) as reached_on,
        opportunity_status,
        amount,
        quarantine_reason
    from combined
    -- Not known yet on the scoring date (undated rows are kept: they are quarantined).
    where reached_at is null or cast(reached_at as date) <= {{ as_of }}
)

select * from final
