{{ config(enabled=lead_scoring.crm_adapter_enabled('dynamics365')) }}
-- Dataverse leads in the shape of the raw contract's crm_leads: the current version of each,
-- deleted ones kept and flagged. The account is parentaccountid, else the account of the
-- contact the lead was qualified into; the status is the label of statuscode (the status
-- reason: New, Contacted, Qualified, Lost, ...), the source the label of leadsourcecode.
-- Columns of the lead table declared as custom attributes pass through, and so does
-- industrycode_label (the lead's own industry, as a label).
with

leads as (
    select
        current_leads.*,
        {{ lead_scoring.dynamics365_label('industry_label', 'current_leads.industrycode') }} as industrycode_label
    from {{ lead_scoring.dynamics365_current_rows('lead', 'leadid') }} as current_leads
    {{ lead_scoring.dynamics365_label_join('industry_label', 'lead', 'industrycode', 'current_leads.industrycode') }}
),

qualified_contacts as (
    -- The account of the contact a qualified lead became (the first, should there be several).
    select
        originatingleadid as lead_id,
        min(cast(parentcustomerid as {{ dbt.type_string() }})) as account_id
    from {{ lead_scoring.dynamics365_current_rows('contact', 'contactid') }} as current_contacts
    where
        not is_row_deleted
        and originatingleadid is not null
        and lower(parentcustomerid_entitytype) = 'account'
    group by originatingleadid
),

final as (
    select
        cast(leads.leadid as {{ dbt.type_string() }}) as lead_id,
        coalesce(cast(leads.parentaccountid as {{ dbt.type_string() }}), qualified_contacts.account_id) as account_id,
        cast(leads.emailaddress1 as {{ dbt.type_string() }}) as email,
        cast(leads.firstname as {{ dbt.type_string() }}) as first_name,
        cast(leads.lastname as {{ dbt.type_string() }}) as last_name,
        cast(leads.jobtitle as {{ dbt.type_string() }}) as job_title,
        cast(leads.address1_country as {{ dbt.type_string() }}) as country,
        {{ lead_scoring.dynamics365_label('source_label', 'leads.leadsourcecode') }} as lead_source,
        {{ lead_scoring.dynamics365_label('status_label', 'leads.statuscode') }} as status,
        coalesce(cast(leads.donotbulkemail as {{ dbt.type_boolean() }}), false) as is_email_opt_out,
        leads.is_row_deleted as is_deleted,
        cast(leads.createdon as {{ dbt.type_timestamp() }}) as created_at,
        cast(leads.modifiedon as {{ dbt.type_timestamp() }}) as updated_at
        {{- lead_scoring.custom_attribute_passthrough('crm_leads') | indent(4) }}
    from leads
    {{ lead_scoring.dynamics365_label_join('source_label', 'lead', 'leadsourcecode', 'leads.leadsourcecode') }}
    {{ lead_scoring.dynamics365_label_join('status_label', 'lead', 'statuscode', 'leads.statuscode') }}
    left join qualified_contacts
        on cast(leads.leadid as {{ dbt.type_string() }}) = cast(qualified_contacts.lead_id as {{ dbt.type_string() }})
)

select * from final
