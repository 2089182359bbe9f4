{{ config(
    materialized=lead_scoring.event_state_materialization(),
    incremental_strategy='append',
    on_schema_change='sync_all_columns',
    pre_hook=[
        "{{ lead_scoring.crm_state_pre_hook(lead_scoring.lead_rows_plan(), lead_scoring.lead_rows_hashes(),"
        ~ " ['lead_rows_hash']) }}",
    ],
) }}
-- Every staged CRM lead row, numbered within its lead_id by the survivor rule: the most
-- recently updated first, then the most recently created, then the one not deleted, then the
-- smallest by its other columns, so the choice never depends on the order rows arrive. Copy 1
-- of an id is scored (int_leads_deduplicated); rows without an id or with a later copy number
-- are quarantined (leads_quarantined). Every ordering on a nullable column says where nulls
-- go (engines differ by default).
-- Kept id by id like int_leads_enriched (macros/crm_state.sql): each row stores one hash of
-- all the staged rows of its id (lead_rows_hash), because the survivor and the copy numbers
-- depend on all of them; an update numbers again only the ids whose rows changed, appeared or
-- are gone (the pre-hook deleted their rows), and the rows without an id on every run. A change
-- of the custom attributes or of the code rebuilds every id.
{%- set plan = lead_scoring.lead_rows_plan() %}

with

leads as (
    select leads.* from {{ ref('lead_scoring', 'stg_lead_scoring__crm_leads') }} as leads
    where {{ lead_scoring.crm_state_unstored(plan, 'leads') }}
),

id_hashes as (
    {{ lead_scoring.lead_rows_hashes('leads') | indent(4) }}
),

numbered as (
    select
        leads.*,
        count(*) over (partition by leads.lead_id) as rows_with_lead_id,
        row_number() over (
            partition by leads.lead_id
            order by
                leads.updated_at desc nulls last,
                leads.created_at desc nulls last,
                leads.is_deleted asc,
                leads.email asc nulls last,
                leads.account_id asc nulls last,
                leads.job_title asc nulls last,
                leads.crm_status asc nulls last,
                leads.first_name asc nulls last,
                leads.last_name asc nulls last,
                leads.country asc nulls last,
                leads.lead_source asc nulls last
                {{- lead_scoring.custom_attribute_names('crm_leads', 'leads.', ' asc nulls last') | indent(8) }}
        ) as copy_number
    from leads
),

final as (
    select
        numbered.*,
        id_hashes.lead_rows_hash,
        cast({{ lead_scoring.quoted_string(plan.fingerprint) }} as {{ dbt.type_string() }}) as crm_fingerprint
    from numbered
    left join id_hashes
        on numbered.lead_id = id_hashes.lead_id
)

select * from final
