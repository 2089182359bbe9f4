{{ config(enabled=lead_scoring.crm_adapter_enabled('salesforce')) }}
-- Salesforce leads in the shape of the raw contract's crm_leads.
with

leads as (
    select * from {{ source('salesforce', 'lead') }}
),

final as (
    select
        cast(id as {{ dbt.type_string() }}) as lead_id,
        cast(converted_account_id as {{ dbt.type_string() }}) as account_id,
        email,
        first_name,
        last_name,
        title as job_title,
        country,
        lead_source,
        status,
        has_opted_out_of_email as is_email_opt_out,
        is_deleted,
        created_date as created_at,
        last_modified_date as updated_at
        {{- lead_scoring.custom_attribute_passthrough('crm_leads') | indent(4) }}
    from leads
)

select * from final
