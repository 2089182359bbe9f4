{%- set raw_accounts = lead_scoring.raw_input('crm_accounts') %}
with

source as (
    select * from {{ raw_accounts }}
),

renamed as (
    select
        nullif(trim(cast(account_id as {{ dbt.type_string() }})), '') as account_id,
        cast(name as {{ dbt.type_string() }}) as account_name,
        lower(trim(cast(domain as {{ dbt.type_string() }}))) as account_domain,
        nullif(lower(trim(cast(industry as {{ dbt.type_string() }}))), '') as industry,
        {{ lead_scoring.try_cast('employee_count', dbt.type_bigint()) }} as employee_count_raw,
        {{ lead_scoring.try_cast('annual_revenue', lead_scoring.type_double()) }} as annual_revenue_raw,
        {{ lead_scoring.known_country_code('country') }} as country,
        coalesce(cast(is_customer as {{ dbt.type_boolean() }}), false) as is_customer,
        cast(created_at as {{ dbt.type_timestamp() }}) as created_at,
        cast(updated_at as {{ dbt.type_timestamp() }}) as updated_at
        {{- lead_scoring.custom_attribute_columns('crm_accounts', raw_accounts) | indent(4) }}
    from source
),

final as (
    select
        account_id,
        account_name,
        account_domain,
        industry,
        -- A negative or implausibly large head count or revenue is a data-entry error:
        -- unknown (not "small", not the top bucket), and flagged for lead_quality.
        case
            when employee_count_raw between 0 and {{ var('lead_scoring_max_employee_count') }}
                then employee_count_raw
        end as employee_count,
        case
            when annual_revenue_raw between 0 and {{ var('lead_scoring_max_annual_revenue') }}
                then annual_revenue_raw
        end as annual_revenue,
        coalesce(
            employee_count_raw < 0 or employee_count_raw > {{ var('lead_scoring_max_employee_count') }}
            or annual_revenue_raw < 0 or annual_revenue_raw > {{ var('lead_scoring_max_annual_revenue') }},
            false
        ) as has_implausible_firmographics,
        country,
        is_customer,
        created_at,
        updated_at
        {{- lead_scoring.custom_attribute_names('crm_accounts') | indent(4) }}
    from renamed
)

select * from final
