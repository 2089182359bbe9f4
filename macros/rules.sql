{#- Fit and negative rules as data: the attributes a rule may test and the rule groups. -#}

{% macro scoring_attributes() %}
    {#- The lead attributes that scoring rules (seed scoring_rules) may test, with their kind.
        int_lead_attributes has one column per entry; int_lead_rules_evaluated unpivots them.
        text attributes compare case-insensitively; number attributes support range. -#}
    {{ return({
        'job_title': 'text',
        'seniority': 'text',
        'department': 'text',
        'persona': 'text',
        'industry': 'text',
        'country': 'text',
        'lead_source': 'text',
        'email_domain': 'text',
        'email_domain_type': 'text',
        'email_local_part': 'text',
        'lifecycle_stage': 'text',
        'is_customer': 'text',
        'is_email_opt_out': 'text',
        'has_unsubscribed': 'text',
        'has_hard_bounced': 'text',
        'employee_count': 'number',
        'annual_revenue': 'number',
        'days_inactive': 'number',
        'days_since_careers_page_view': 'number',
    }) }}
{% endmacro %}


{% macro scoring_attribute_catalogue() %}
    {#- A select of (attribute, attribute_kind): one row per entry of scoring_attributes(). -#}
    {%- for name, kind in lead_scoring.scoring_attributes().items() %}
    select '{{ name }}' as attribute, '{{ kind }}' as attribute_kind
    {%- if not loop.last %} union all{% endif %}
    {%- endfor %}
{% endmacro %}


{% macro known_rule_groups() %}
    {#- A select of (component, rule_group): every group the vars declare, one row each.
        Seed tests join to it instead of splicing long in-lists into SQL. -#}
    {%- set rows = [] -%}
    {%- for component in ['fit', 'intent', 'negative'] -%}
        {%- for group in var('lead_scoring_' ~ component ~ '_groups') -%}
            {%- do rows.append((component, group)) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- for component, group in rows %}
    select '{{ component }}' as component, '{{ group }}' as rule_group
    {%- if not loop.last %} union all{% endif %}
    {%- endfor %}
{% endmacro %}


{% macro bool_to_text(expression) %}
    {#- 'true' / 'false' / null, so boolean attributes compare like any text attribute. -#}
    case when {{ expression }} then 'true' when not {{ expression }} then 'false' end
{% endmacro %}
