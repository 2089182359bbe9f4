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


{% macro threshold_names() %}
    {#- Every row the seed scoring_thresholds must hold, exactly once. -#}
    {{ return([
        'segment_a_min_total', 'segment_b_min_total',
        'mql_min_total', 'icp_min_fit',
        'hand_raiser_min_fit', 'hand_raiser_window_days',
        'sql_min_total', 'strong_intent_window_days',
        'fit_grade_a_min', 'fit_grade_b_min', 'fit_grade_c_min',
        'intent_level_1_min', 'intent_level_2_min', 'intent_level_3_min',
        'recycle_after_days',
    ]) }}
{% endmacro %}


{% macro pivot_thresholds(thresholds_relation) %}
    {#- One row per population (prospect, customer) with one column per threshold name,
        from the long seed. -#}
    select
        population,
        {%- for name in lead_scoring.threshold_names() %}
        max(case when threshold_name = '{{ name }}' then threshold_value end) as {{ name }}
        {{- "," if not loop.last }}
        {%- endfor %}
    from {{ thresholds_relation }}
    group by population
{% endmacro %}


{% macro bool_to_text(expression) %}
    {#- 'true' / 'false' / null, so boolean attributes compare like any text attribute. -#}
    case when {{ expression }} then 'true' when not {{ expression }} then 'false' end
{% endmacro %}


{% macro rollup_capped_groups(component, contributions, caps_relation, groups, direction='positive', lead_aggregates={}) %}
    {#- Per lead: the points of each rule group after its cap, and the component total
        after the total cap. contributions must have lead_id, rule_group and points.
        direction 'positive' caps from above and floors the total at 0 (fit, intent);
        'negative' caps the magnitude of negative points and keeps the total <= 0.
        lead_aggregates: extra per-lead columns, {name: aggregate expression over the
        contributions}, computed in the same pass.
        groups must hold every rule_group of the contributions (the seed checks,
        assert_scoring_rules_are_valid and assert_signal_weights_are_valid, stop the
        build otherwise): each is a column, and only those columns add up to the score.
        One grouping by lead, each group's sum a column of it: grouping by lead and
        group first, then by lead, took three times as long on 9M signal rows. -#}
    {%- if direction not in ('positive', 'negative') -%}
        {{ exceptions.raise_compiler_error("rollup_capped_groups: direction must be 'positive' or 'negative', got '" ~ direction ~ "'") }}
    {%- endif -%}
    {%- set dbl = lead_scoring.type_double() -%}
    with

    component_caps as (
        select
            {%- for group in groups %}
            max(case when cap_group = '{{ group }}' then cast(max_points as {{ dbl }}) end) as {{ group }}_cap,
            {%- endfor %}
            max(case when cap_group = 'total' then cast(max_points as {{ dbl }}) end) as total_cap
        from {{ caps_relation }}
        where component = '{{ component }}'
    ),

    group_sums as (
        select
            lead_id,
            {%- for group in groups %}
            sum(case when rule_group = '{{ group }}' then points end) as {{ group }}_raw_points,
            {%- endfor %}
            {%- for name, expression in lead_aggregates.items() %}
            {{ expression }} as {{ name }},
            {%- endfor %}
            count(*) as {{ component }}_contribution_count
        from {{ contributions }}
        group by lead_id
    ),

    groups_capped as (
        select
            group_sums.lead_id,
            {%- for group in groups %}
            -- least and greatest skip nulls: a group without contributions is 0, not its cap.
            case
                when group_sums.{{ group }}_raw_points is null then cast(0 as {{ dbl }})
                {%- if direction == 'positive' %}
                else least(group_sums.{{ group }}_raw_points, coalesce(component_caps.{{ group }}_cap, group_sums.{{ group }}_raw_points))
                {%- else %}
                else greatest(group_sums.{{ group }}_raw_points, -coalesce(component_caps.{{ group }}_cap, -group_sums.{{ group }}_raw_points))
                {%- endif %}
            end as {{ component }}_{{ group }}_points,
            {%- endfor %}
            {%- for name in lead_aggregates %}
            group_sums.{{ name }},
            {%- endfor %}
            group_sums.{{ component }}_contribution_count,
            component_caps.total_cap
        from group_sums
        cross join component_caps
    ),

    per_lead as (
        select
            groups_capped.*,
            {%- for group in groups %}
            {{ component }}_{{ group }}_points{{ ' +' if not loop.last }}
            {%- endfor %} as {{ component }}_points_before_total_cap
        from groups_capped
    )

    select
        {%- for group in groups %}
        per_lead.{{ component }}_{{ group }}_points,
        {%- endfor %}
        {%- for name in lead_aggregates %}
        per_lead.{{ name }},
        {%- endfor %}
        per_lead.lead_id,
        per_lead.{{ component }}_points_before_total_cap,
        per_lead.{{ component }}_contribution_count,
        {%- if direction == 'positive' %}
        greatest(
            cast(0 as {{ dbl }}),
            least(
                per_lead.{{ component }}_points_before_total_cap,
                coalesce(per_lead.total_cap, per_lead.{{ component }}_points_before_total_cap)
            )
        )
        {%- else %}
        least(
            cast(0 as {{ dbl }}),
            greatest(
                per_lead.{{ component }}_points_before_total_cap,
                -coalesce(per_lead.total_cap, -per_lead.{{ component }}_points_before_total_cap)
            )
        )
        {%- endif %} as {{ component }}_score
    from per_lead
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


{% macro scoring_attribute_catalogue() %}
    {#- A select of (attribute, attribute_kind): one row per entry of scoring_attributes(). -#}
    {%- for name, kind in lead_scoring.scoring_attributes().items() %}
    select '{{ name }}' as attribute, '{{ kind }}' as attribute_kind
    {%- if not loop.last %} union all{% endif %}
    {%- endfor %}
{% endmacro %}


{% macro email_for_output(email_expression) %}
    {#- How an email may appear in a mart (the quarantines), by var('lead_scoring_email_output'):
        'none' (default: not kept), 'hash' (a hash of the email with the salt of the
        environment variable LEAD_SCORING_EMAIL_SALT: joinable between runs with the same
        salt, not reversible by hashing the CRM's own emails without it), 'domain' (the part
        after @) or 'raw'. Anything else, or 'hash' without a salt, fails at compile time.
        The salt appears in the compiled SQL under target/, so target/ stays private. -#}
    {%- set mode = lead_scoring.email_output_mode() -%}
    {%- if mode == 'none' -%}
        cast(null as {{ dbt.type_string() }})
    {%- elif mode == 'hash' -%}
        {{ dbt.hash(dbt.concat([lead_scoring.quoted_string(lead_scoring.email_salt()), email_expression])) }}
    {%- elif mode == 'domain' -%}
        {{ dbt.split_part(email_expression, "'@'", 2) }}
    {%- else -%}
        {{ email_expression }}
    {%- endif -%}
{% endmacro %}


{% macro email_output_mode() %}
    {#- var('lead_scoring_email_output'), checked: none, hash, domain or raw. -#}
    {%- set mode = var('lead_scoring_email_output', 'none') | string -%}
    {%- if mode not in ['none', 'hash', 'domain', 'raw'] -%}
        {{ exceptions.raise_compiler_error(
            "var('lead_scoring_email_output') must be none, hash, domain or raw, got '" ~ mode ~ "'") }}
    {%- endif -%}
    {{ return(mode) }}
{% endmacro %}


{% macro email_salt() %}
    {#- The salt of hashed emails (environment variable LEAD_SCORING_EMAIL_SALT), read only while
        executing; required when var('lead_scoring_email_output') is hash. -#}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- set salt = env_var('LEAD_SCORING_EMAIL_SALT', '') -%}
    {%- if salt | length < 16 -%}
        {{ exceptions.raise_compiler_error(
            "var('lead_scoring_email_output') is hash: set the environment variable LEAD_SCORING_EMAIL_SALT "
            ~ "to a secret of at least 16 characters (an unsalted hash of an email is re-identified by "
            ~ "hashing the CRM's own emails), or use none, domain or raw") }}
    {%- endif -%}
    {{ return(salt) }}
{% endmacro %}


{% macro latest_event_time(now) %}
    {#- SQL timestamp literal: the latest event time accepted; later events are
        quarantined as occurred_in_future (clock errors, test data). now + var
        lead_scoring_future_tolerance_hours (default 24). -#}
    {%- set now_value = (now or run_started_at.strftime('%Y-%m-%d %H:%M:%S')) | string -%}
    {%- if not modules.re.match('^[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2}:[0-9]{2})?$', now_value) -%}
        {{ exceptions.raise_compiler_error("var('lead_scoring_now') must be 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS', got '" ~ now_value ~ "'") }}
    {%- endif -%}
    {%- if now_value | length == 10 -%}{%- set now_value = now_value ~ ' 00:00:00' -%}{%- endif -%}
    {%- set latest = modules.datetime.datetime.strptime(now_value, '%Y-%m-%d %H:%M:%S')
        + modules.datetime.timedelta(hours=var('lead_scoring_future_tolerance_hours', 24) | int) -%}
    cast('{{ latest.strftime('%Y-%m-%d %H:%M:%S') }}' as {{ dbt.type_timestamp() }})
{%- endmacro %}


{% macro known_country_code(country_expression) %}
    {#- Upper-cased ISO 3166 alpha-2 code, or null (unknown) when the value is not two
        letters or is a user-assigned code (AA, QM-QZ, XA-XZ, ZZ) that CRMs use for
        "unknown" or test data. -#}
    case
        when upper(trim(cast({{ country_expression }} as {{ dbt.type_string() }}))) in ('AA', 'ZZ') then null
        when {{ dbt.length('trim(cast(' ~ country_expression ~ ' as ' ~ dbt.type_string() ~ '))') }} != 2 then null
        when upper(substring(trim(cast({{ country_expression }} as {{ dbt.type_string() }})), 1, 1)) = 'X' then null
        when upper(trim(cast({{ country_expression }} as {{ dbt.type_string() }}))) between 'QM' and 'QZ' then null
        when not {{ lead_scoring.regex_matches(
            'trim(cast(' ~ country_expression ~ ' as ' ~ dbt.type_string() ~ '))', "'^[A-Za-z]{2}$'"
        ) }} then null
        else upper(trim(cast({{ country_expression }} as {{ dbt.type_string() }})))
    end
{% endmacro %}
