{{ config(enabled=lead_scoring.crm_adapter_enabled('dynamics365')) }}
-- Dataverse opportunities in the shape of the raw contract's crm_opportunities: the current
-- version of each, deleted ones left out. The lead is originatingleadid (the lead qualified
-- into it); closed and won come from the label of statecode (vars
-- lead_scoring_dynamics365_won_states, default Won, and _lost_states, default Lost); the stage
-- is the label of statuscode (the status reason).
{%- set state_label = lead_scoring.dynamics365_label('state_label', 'opportunities.statecode') %}

with

opportunities as (
    select * from {{ lead_scoring.dynamics365_current_rows('opportunity', 'opportunityid') }} as current_opportunities
    where not is_row_deleted
),

final as (
    select
        cast(opportunities.opportunityid as {{ dbt.type_string() }}) as opportunity_id,
        cast(opportunities.parentaccountid as {{ dbt.type_string() }}) as account_id,
        cast(opportunities.originatingleadid as {{ dbt.type_string() }}) as lead_id,
        {{ lead_scoring.dynamics365_label('status_label', 'opportunities.statuscode') }} as stage,
        cast(opportunities.estimatedvalue as {{ lead_scoring.type_double() }}) as amount,
        (
            {{ lead_scoring.dynamics365_label_in(state_label, 'lead_scoring_dynamics365_won_states', ['Won']) }}
            or {{ lead_scoring.dynamics365_label_in(state_label, 'lead_scoring_dynamics365_lost_states', ['Lost']) }}
        ) as is_closed,
        {{ lead_scoring.dynamics365_label_in(state_label, 'lead_scoring_dynamics365_won_states', ['Won']) }} as is_won,
        cast(opportunities.createdon as {{ dbt.type_timestamp() }}) as created_at,
        cast(opportunities.actualclosedate as {{ dbt.type_timestamp() }}) as closed_at
    from opportunities
    {{ lead_scoring.dynamics365_label_join('state_label', 'opportunity', 'statecode', 'opportunities.statecode') }}
    {{ lead_scoring.dynamics365_label_join('status_label', 'opportunity', 'statuscode', 'opportunities.statuscode') }}
)

select * from final
