{#- Fit and negative rules as data: the attributes a rule may test and the rule groups. -#}

{% macro builtin_attributes() %}
    {#- The attributes the project derives itself (int_leads_enriched, int_lead_attributes), with
        their kind: text compares case-insensitively, number supports range. -#}
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
        'employee_count': 'number',
        'annual_revenue': 'number',
        'days_inactive': 'number',
    }) }}
{% endmacro %}


{% macro attribute_name_check(name, var_name) %}
    {#- Stops the parse unless name is a lower-case identifier no other attribute uses. -#}
    {%- if not modules.re.match('^[a-z][a-z0-9_]*$', name | string) -%}
        {{ exceptions.raise_compiler_error(
            "var " ~ var_name ~ ": attribute name '" ~ name ~ "' must be lower case letters, digits and _ (starting with a letter)") }}
    {%- endif -%}
    {%- if name in lead_scoring.builtin_attributes() -%}
        {{ exceptions.raise_compiler_error(
            "var " ~ var_name ~ ": attribute '" ~ name ~ "' is a built-in attribute; give it another name") }}
    {%- endif -%}
{% endmacro %}


{% macro custom_attributes(table=none) %}
    {#- The attributes declared in var lead_scoring_custom_attributes (extra columns of the raw
        crm_leads or crm_accounts relation), validated, sorted by name: a list of dicts with
        name, table (crm_leads or crm_accounts), column and kind (text, number or boolean).
        table: only those read from that raw table. -#}
    {%- set declared = var('lead_scoring_custom_attributes', {}) or {} -%}
    {%- set var_name = 'lead_scoring_custom_attributes' -%}
    {%- if declared is not mapping -%}
        {{ exceptions.raise_compiler_error("var " ~ var_name ~ " must be a mapping of attribute name to {table, column, kind}") }}
    {%- endif -%}
    {%- set found = [] -%}
    {%- for name in declared | sort -%}
        {%- set spec = declared[name] -%}
        {%- do lead_scoring.attribute_name_check(name, var_name) -%}
        {%- if spec is not mapping -%}
            {{ exceptions.raise_compiler_error("var " ~ var_name ~ ": attribute '" ~ name ~ "' needs {table, column, kind}") }}
        {%- endif -%}
        {%- set source_table = spec.get('table', 'crm_leads') -%}
        {%- set kind = spec.get('kind', 'text') -%}
        {%- set column = spec.get('column', name) | string -%}
        {%- if source_table not in ['crm_leads', 'crm_accounts'] -%}
            {{ exceptions.raise_compiler_error("var " ~ var_name ~ ": attribute '" ~ name ~ "' has table '" ~ source_table ~ "'; use crm_leads or crm_accounts") }}
        {%- endif -%}
        {%- if kind not in ['text', 'number', 'boolean'] -%}
            {{ exceptions.raise_compiler_error("var " ~ var_name ~ ": attribute '" ~ name ~ "' has kind '" ~ kind ~ "'; use text, number or boolean") }}
        {%- endif -%}
        {%- if not modules.re.match('^[A-Za-z_][A-Za-z0-9_]*$', column) -%}
            {{ exceptions.raise_compiler_error("var " ~ var_name ~ ": attribute '" ~ name ~ "' has column '" ~ column ~ "', not a plain column name") }}
        {%- endif -%}
        {%- if table is none or table == source_table -%}
            {%- do found.append({'name': name, 'table': source_table, 'column': column, 'kind': kind}) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(found) }}
{% endmacro %}


{% macro signal_attributes() %}
    {#- The attributes read from a lead's events, declared in var lead_scoring_signal_attributes
        (name: {signal, measure}), validated, sorted by name: a list of dicts with name, signal,
        measure and kind. Measures: seen (boolean: any event of the signal), event_count and
        days_since_last (numbers; days_since_last is null without events), decayed_points. -#}
    {%- set declared = var('lead_scoring_signal_attributes', {}) or {} -%}
    {%- set var_name = 'lead_scoring_signal_attributes' -%}
    {%- set kinds = {'seen': 'boolean', 'event_count': 'number', 'days_since_last': 'number', 'decayed_points': 'number'} -%}
    {%- set found = [] -%}
    {%- for name in declared | sort -%}
        {%- set spec = declared[name] -%}
        {%- do lead_scoring.attribute_name_check(name, var_name) -%}
        {%- if name in var('lead_scoring_custom_attributes', {}) or {} -%}
            {{ exceptions.raise_compiler_error("var " ~ var_name ~ ": attribute '" ~ name ~ "' is also in var lead_scoring_custom_attributes") }}
        {%- endif -%}
        {%- if spec is not mapping or not spec.get('signal') or spec.get('measure') not in kinds -%}
            {{ exceptions.raise_compiler_error(
                "var " ~ var_name ~ ": attribute '" ~ name ~ "' needs a signal and a measure (" ~ kinds.keys() | list | join(', ') ~ ")") }}
        {%- endif -%}
        {%- do found.append({'name': name, 'signal': spec['signal'] | string, 'measure': spec['measure'],
                             'kind': kinds[spec['measure']]}) -%}
    {%- endfor -%}
    {{ return(found) }}
{% endmacro %}


{% macro account_context_attributes() %}
    {#- The attributes a lead scoring rule may test about the lead's account (int_lead_account_context),
        with their kind: unpivoted beside the lead's own attributes in int_lead_rules_evaluated.
        Set only for the context_max_leads_per_account most engaged leads of an account. -#}
    {{ return({'account_fit_score': 'number', 'account_segment': 'text', 'is_at_mqa_account': 'text'}) }}
{% endmacro %}


{% macro scoring_attributes(moves_with_date=none) %}
    {#- Every attribute a scoring rule (seed scoring_rules) may test, with its kind (text or
        number; boolean attributes are the text 'true' / 'false'): the built-in ones, then the
        custom and signal attributes the vars declare. int_lead_attributes has one column per
        entry. moves_with_date: none for all of them; true for those whose value moves with the
        scoring date (dated_attribute_names: rules on them in int_lead_dated_rules_matched);
        false for the CRM attributes (rules on them kept lead by lead in
        int_lead_crm_rules_matched). -#}
    {%- set attributes = lead_scoring.builtin_attributes() -%}
    {%- for attribute in lead_scoring.custom_attributes() + lead_scoring.signal_attributes() -%}
        {%- do attributes.update({attribute.name: 'number' if attribute.kind == 'number' else 'text'}) -%}
    {%- endfor -%}
    {%- if moves_with_date is none -%}
        {{ return(attributes) }}
    {%- endif -%}
    {%- set dated = lead_scoring.dated_attribute_names() -%}
    {%- set found = {} -%}
    {%- for name, kind in attributes.items() if (name in dated) == moves_with_date -%}
        {%- do found.update({name: kind}) -%}
    {%- endfor -%}
    {{ return(found) }}
{% endmacro %}


{% macro custom_attribute_passthrough(table) %}
    {#- For a CRM adapter's model in the shape of a raw table: ", <column>" for each custom
        attribute read from that table, so the declared CRM columns reach the staging models.
        table: crm_leads or crm_accounts. -#}
    {%- for attribute in lead_scoring.custom_attributes(table) %},
        {{ attribute.column }}
    {%- endfor %}
{% endmacro %}


{% macro custom_attribute_columns(table, relation=none) %}
    {#- For the staging model of a raw table: ", <typed expression> as custom__<name>" for each
        custom attribute read from it. Text is trimmed (blank is null); number is a try_cast
        to double (unreadable is null: unknown); boolean is 'true' / 'false' (true/t/yes/y/1,
        false/f/no/n/0; anything else null). When relation is given and exists, a declared
        column it lacks stops the run naming the var, the attribute and the columns it has.
        table: crm_leads or crm_accounts; relation: the raw relation read. -#}
    {%- set attributes = lead_scoring.custom_attributes(table) -%}
    {%- if attributes and execute and relation is not none and relation is not string -%}
        {%- set existing = adapter.get_columns_in_relation(relation) | map(attribute='name') | map('lower') | list -%}
        {%- for attribute in attributes -%}
            {%- if existing and attribute.column | lower not in existing -%}
                {{ exceptions.raise_compiler_error(
                    "var lead_scoring_custom_attributes: attribute '" ~ attribute.name ~ "' reads column '"
                    ~ attribute.column ~ "' of " ~ table ~ " (" ~ relation ~ "), which has no such column; it has: "
                    ~ existing | join(', ')) }}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {%- for attribute in attributes %},
        {%- set text = 'trim(cast(' ~ attribute.column ~ ' as ' ~ dbt.type_string() ~ '))' %}
        {%- if attribute.kind == 'number' %}
        {{ lead_scoring.try_cast(text, lead_scoring.type_double()) }} as custom__{{ attribute.name }}
        {%- elif attribute.kind == 'boolean' %}
        case
            when lower({{ text }}) in ('true', 't', 'yes', 'y', '1') then 'true'
            when lower({{ text }}) in ('false', 'f', 'no', 'n', '0') then 'false'
        end as custom__{{ attribute.name }}
        {%- else %}
        nullif({{ text }}, '') as custom__{{ attribute.name }}
        {%- endif %}
    {%- endfor %}
{% endmacro %}


{% macro custom_attribute_names(table, prefix='', suffix='') %}
    {#- ", <prefix>custom__<name><suffix>" for each custom attribute read from table (crm_leads
        or crm_accounts): the columns a model passes on (suffix: e.g. ' asc nulls last'). -#}
    {%- for attribute in lead_scoring.custom_attributes(table) %},
        {{ prefix }}custom__{{ attribute.name }}{{ suffix }}
    {%- endfor %}
{% endmacro %}


{% macro signal_attribute_aggregates(signals) %}
    {#- For int_lead_attributes' per-lead group-by of int_lead_signals_decayed: ", <aggregate>
        as <name>" for each attribute of var lead_scoring_signal_attributes (seen: any event;
        days_since_last: the fewest days; event_count and decayed_points: sums). The signal
        name enters SQL only through quoted_string. signals: the alias of the relation. -#}
    {%- for attribute in lead_scoring.signal_attributes() %},
        {%- set this_signal = signals ~ '.signal = ' ~ lead_scoring.quoted_string(attribute.signal) %}
        {%- if attribute.measure == 'seen' %}
        max(case when {{ this_signal }} then 1 else 0 end) = 1 as {{ attribute.name }}
        {%- elif attribute.measure == 'days_since_last' %}
        min(case when {{ this_signal }} then {{ signals }}.days_since_last end) as {{ attribute.name }}
        {%- elif attribute.measure == 'event_count' %}
        sum(case when {{ this_signal }} then {{ signals }}.event_count else 0 end) as {{ attribute.name }}
        {%- else %}
        sum(case when {{ this_signal }} then {{ signals }}.capped_points else 0 end) as {{ attribute.name }}
        {%- endif %}
    {%- endfor %}
{% endmacro %}


{% macro declared_attribute_columns(activity) %}
    {#- For int_lead_attributes' final select: ", <expression> as <name>" for each attribute of
        var lead_scoring_signal_attributes (booleans as 'true' / 'false', no events = false or
        0; days_since_last stays null). activity: the alias of the per-lead signal aggregates.
        (The custom attributes are CRM attributes: crm_attribute_columns.) -#}
    {%- for attribute in lead_scoring.signal_attributes() %},
        {%- set value = activity ~ '.' ~ attribute.name %}
        {%- if attribute.measure == 'seen' %}
        {{ lead_scoring.bool_to_text('coalesce(' ~ value ~ ', false)') }} as {{ attribute.name }}
        {%- elif attribute.measure == 'days_since_last' %}
        cast({{ value }} as {{ lead_scoring.type_double() }}) as {{ attribute.name }}
        {%- else %}
        cast(coalesce({{ value }}, 0) as {{ lead_scoring.type_double() }}) as {{ attribute.name }}
        {%- endif %}
    {%- endfor %}
{% endmacro %}


{% macro crm_attribute_columns(leads) %}
    {#- "<expression> as <name>, ..." for each CRM attribute (scoring_attributes(moves_with_date=false): the built-in
        attributes read from the lead's and its account's CRM rows, then the custom attributes),
        from a relation shaped like int_leads_enriched (alias leads): booleans as 'true' /
        'false', numbers as double, the rest as text. The one definition of these columns, for
        int_lead_attributes and int_lead_crm_rules_matched. -#}
    {%- set dbl = lead_scoring.type_double() -%}
    {{ leads }}.job_title,
    {{ leads }}.seniority,
    {{ leads }}.department,
    {{ leads }}.persona,
    {{ leads }}.industry,
    {{ leads }}.country,
    {{ leads }}.lead_source,
    {{ leads }}.email_domain,
    {{ leads }}.email_domain_type,
    {{ leads }}.email_local_part,
    {{ lead_scoring.bool_to_text(leads ~ '.is_customer') }} as is_customer,
    {{ lead_scoring.bool_to_text(leads ~ '.is_email_opt_out') }} as is_email_opt_out,
    cast({{ leads }}.employee_count as {{ dbl }}) as employee_count,
    cast({{ leads }}.annual_revenue as {{ dbl }}) as annual_revenue
    {%- for attribute in lead_scoring.custom_attributes() %},
    cast({{ leads }}.custom__{{ attribute.name }} as {{ dbl if attribute.kind == 'number' else dbt.type_string() }}) as {{ attribute.name }}
    {%- endfor %}
{% endmacro %}


{% macro lead_exists_on(created_at, as_of) %}
    {#- Whether a lead existed on the scoring date: a lead created after it did not exist yet (an
        unknown creation time counts as existing). created_at: the lead's column; as_of: the
        scoring date as SQL (as_of_date). -#}
    ({{ created_at }} is null or cast({{ created_at }} as date) <= {{ as_of }})
{% endmacro %}


{% macro dated_attribute_names() %}
    {#- The attributes a lead scoring rule may test whose value moves with the scoring date:
        lifecycle_stage (the status history up to it), days_inactive, the signal attributes
        (var lead_scoring_signal_attributes) and the account context. Rules on them are
        evaluated on every run (int_lead_dated_rules_matched); rules on every other attribute
        (the CRM attributes) are kept lead by lead (int_lead_crm_rules_matched). -#}
    {%- set names = ['lifecycle_stage', 'days_inactive'] -%}
    {%- for attribute in lead_scoring.signal_attributes() -%}
        {%- do names.append(attribute.name) -%}
    {%- endfor -%}
    {%- for name in lead_scoring.account_context_attributes() -%}
        {%- do names.append(name) -%}
    {%- endfor -%}
    {{ return(names) }}
{% endmacro %}


{% macro rule_match_columns() %}
    {#- The columns of a rule match (rule_matches, int_lead_crm_rules_matched,
        int_lead_dated_rules_matched, int_lead_rules_evaluated), in order. -#}
    {{ return(['lead_id', 'rule_id', 'component', 'rule_group', 'attribute', 'attribute_value', 'points',
        'suppresses', 'label']) }}
{% endmacro %}


{% macro rules_testing(rules_relation, attribute_names) %}
    {#- A select of the rules of rules_relation (shaped like the seed scoring_rules) that test
        one of attribute_names (names from macros, never user data). -#}
    select seed_rules.*
    from {{ rules_relation }} as seed_rules
    inner join (
        {{ lead_scoring.values_select('attribute', attribute_names) | indent(8) }}
    ) as tested
        on seed_rules.attribute = tested.attribute
{% endmacro %}


{% macro rule_matches(attribute_values, rules, known_patterns=[]) %}
    {#- A select of the rule_match_columns: each rule of rules (a relation shaped like the seed
        scoring_rules) that matches an attribute value of attribute_values (unpivot_attributes
        rows keyed by lead_id), by rule_operator_matches. known_patterns: the seed's regexes
        (seed_patterns). -#}
    select {{ lead_scoring.rule_match_columns() | join(', ') }}
    from (
        select
            {{ attribute_values }}.lead_id,
            {{ rules }}.rule_id,
            {{ rules }}.component,
            {{ rules }}.rule_group,
            {{ rules }}.attribute,
            {{ attribute_values }}.text_value as attribute_value,
            cast({{ rules }}.points as {{ lead_scoring.type_double() }}) as points,
            {{ rules }}.suppresses,
            {{ rules }}.label,
            {{ lead_scoring.rule_operator_matches(
                rules, attribute_values ~ '.text_value', attribute_values ~ '.number_value', known_patterns
            ) | indent(12) }} as is_match
        from {{ attribute_values }}
        inner join {{ rules }}
            on {{ attribute_values }}.attribute = {{ rules }}.attribute
    ) as evaluated
    where is_match
{% endmacro %}


{% macro seed_patterns(rules_relation) %}
    {#- The regexes of the pattern rules of rules_relation, read at run time (none while parsing,
        unit-testing or linting): a regex given as a column is recompiled for every row (about
        13 s per million leads on DuckDB), so rule_operator_matches makes each of these a
        constant, chosen by comparing the rule's value with the same string; any other pattern
        takes the generic path. Values enter SQL only through quoted_string, which escapes them. -#}
    {%- set known_patterns = [] -%}
    {%- if lead_scoring.can_query_inputs([rules_relation]) -%}
        {%- set pattern_query -%}
            select distinct value from {{ rules_relation }}
            where operator = 'pattern' and value is not null order by value
        {%- endset -%}
        {%- for row in run_query(pattern_query) %}{% do known_patterns.append(row[0]) %}{% endfor -%}
    {%- endif -%}
    {{ return(known_patterns) }}
{% endmacro %}


{% macro scoring_attribute_catalogue() %}
    {#- A select of (attribute, attribute_kind): one row per attribute a scoring rule may test,
        the lead's own (scoring_attributes()) and its account's (account_context_attributes()). -#}
    {%- set attributes = lead_scoring.scoring_attributes() -%}
    {%- do attributes.update(lead_scoring.account_context_attributes()) -%}
    {{ return(lead_scoring.attribute_catalogue(attributes)) }}
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


{% macro rule_operator_matches(rules, text_value, number_value, known_patterns=[]) %}
    {#- Whether a rule row (alias rules, with operator, value, range_min, range_max) matches
        an attribute value: the one definition of the operators, for lead rules
        (int_lead_rules_evaluated) and account fit rules (account_fit_scores). text_value is
        lower-cased text, number_value a double (null for text attributes). known_patterns:
        the seed's regexes, each compiled once as a constant (see int_lead_rules_evaluated). -#}
    case {{ rules }}.operator
        when 'equals' then {{ text_value }} = lower({{ rules }}.value)
        when 'in' then {{ dbt.position(
            "'|' || " ~ text_value ~ " || '|'", "'|' || lower(" ~ rules ~ ".value) || '|'"
        ) }} > 0
        when 'range'
            then
                {{ number_value }} >= coalesce({{ rules }}.range_min, {{ number_value }})
                and {{ number_value }} < coalesce({{ rules }}.range_max, {{ number_value }} + 1)
        {%- if known_patterns %}
            when 'pattern' then case {{ rules }}.value
                {%- for pattern in known_patterns %}
                    when {{ lead_scoring.quoted_string(pattern) }}
                        then {{ lead_scoring.regex_matches(text_value, lead_scoring.quoted_string(pattern)) }}
                {%- endfor %}
                else {{ lead_scoring.regex_matches(text_value, rules ~ '.value') }}
            end
        {%- else %}
            when 'pattern' then {{ lead_scoring.regex_matches(text_value, rules ~ '.value') }}
        {%- endif %}
        when 'missing' then {{ text_value }} is null
    end
{% endmacro %}


{% macro account_attributes() %}
    {#- Every attribute an account fit rule (seed account_fit_rules) may test, with its kind
        (text or number; booleans are the text 'true' / 'false'): the built-in firmographics,
        then the custom attributes var lead_scoring_custom_attributes reads from crm_accounts.
        int_account_attributes has one column per entry. -#}
    {%- set attributes = {
        'industry': 'text',
        'country': 'text',
        'is_customer': 'text',
        'employee_count': 'number',
        'annual_revenue': 'number',
    } -%}
    {%- for attribute in lead_scoring.custom_attributes('crm_accounts') -%}
        {%- do attributes.update({attribute.name: 'number' if attribute.kind == 'number' else 'text'}) -%}
    {%- endfor -%}
    {{ return(attributes) }}
{% endmacro %}


{% macro setting_columns(settings_relation, names) %}
    {#- A one-row select with a double column per name, read from a (setting, value) seed
        such as account_settings: settings that are missing come out null (the seed check
        assert_account_settings_are_complete names them). -#}
    select
        {%- for name in names %}
        max(case when setting = '{{ name }}' then cast(value as {{ lead_scoring.type_double() }}) end) as {{ name }}
        {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from {{ settings_relation }}
{% endmacro %}


{% macro account_setting_names() %}
    {#- The settings of seeds/account_settings.csv the account models read (every one must be
        in the seed: tests/singular/assert_account_settings_are_complete.sql). -#}
    {{ return([
        'engagement_top_k', 'engagement_rank_decay', 'engaged_within_days', 'fit_weight',
        'engagement_weight', 'segment_a_min', 'segment_b_min', 'mqa_min_fit', 'mqa_min_engagement',
        'mqa_min_engaged_contacts', 'mqa_min_coverage', 'trend_rising_ratio', 'trend_falling_ratio',
        'context_max_leads_per_account', 'mqa_sla_hours',
    ]) }}
{% endmacro %}


{% macro account_custom_attribute_columns() %}
    {#- For int_account_attributes' select: ", <typed column> as <name>" for each custom
        attribute read from crm_accounts (numbers as double, the rest as text). -#}
    {%- for attribute in lead_scoring.custom_attributes('crm_accounts') %},
        cast(custom__{{ attribute.name }} as {{ lead_scoring.type_double() if attribute.kind == 'number' else dbt.type_string() }}) as {{ attribute.name }}
    {%- endfor %}
{% endmacro %}


{% macro attribute_catalogue(attributes) %}
    {#- A select of (attribute, attribute_kind): one row per entry of attributes, a dict of
        name to kind (account_attributes()). -#}
    {%- for name, kind in attributes.items() %}
    select '{{ name }}' as attribute, '{{ kind }}' as attribute_kind
    {%- if not loop.last %} union all{% endif %}
    {%- endfor %}
{% endmacro %}


{% macro values_select(column, values) %}
    {#- A select of one text column with one row per value of a list (names from vars or
        macros, never user data). -#}
    {%- for value in values %}
    select '{{ value }}' as {{ column }}
    {%- if not loop.last %} union all{% endif %}
    {%- endfor %}
{% endmacro %}


{% macro geometric_weight_sum(decay, count) %}
    {#- SQL for 1 + decay + decay^2 + ... + decay^(count - 1): the most the top-k weights of
        account engagement add up to (count when decay is 1). -#}
    case
        when {{ decay }} = 1 then {{ count }}
        else (1 - power({{ decay }}, {{ count }})) / (1 - {{ decay }})
    end
{% endmacro %}


{% macro unpivot_attributes(relation, key, attributes) %}
    {#- The rows rules are joined to: one (key, attribute, text_value, number_value) row per
        row of relation and attribute, text lower-cased, numbers also as text; for
        int_lead_rules_evaluated (key lead_id) and int_account_rules_evaluated (account_id).
        attributes: a dict of name to kind (text or number). -#}
    {%- for name, kind in attributes.items() %}
    select
        {{ key }},
        '{{ name }}' as attribute,
        {%- if kind == 'number' %}
        cast({{ name }} as {{ dbt.type_string() }}) as text_value,
        {{ name }} as number_value
        {%- else %}
        lower({{ name }}) as text_value,
        cast(null as {{ lead_scoring.type_double() }}) as number_value
        {%- endif %}
    from {{ relation }}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
{% endmacro %}
