{#- How emails may appear in marts, and the salt of hashed ones. -#}

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
