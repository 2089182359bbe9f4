-- A table (250k rows at 1M leads): int_lead_account_matches hashes it twice a run to see whether
-- any domain changed, then reads it.
-- One row per CRM account with its web domain made comparable with email domains (scheme,
-- www., port, path and a trailing dot removed, lower case) and whether leads may be matched
-- to it by that domain: ok, or the reason they may not (missing, malformed, free_mail or
-- disposable per the email_domains seed, shared by several accounts). Nothing is dropped:
-- an account with a bad domain stays, it only takes no domain matches.

with

accounts as (
    select account_id, account_domain from {{ ref('lead_scoring', 'int_accounts_deduplicated') }}
),

email_domains as (
    select domain, domain_type from {{ lead_scoring.settings_table('email_domains') }}
),

normalised as (
    select
        account_id,
        account_domain as raw_domain,
        nullif(
            -- Anchored patterns: one replacement each on every engine (Spark replaces all).
            regexp_replace(
                regexp_replace(
                    regexp_replace(lower(trim(account_domain)), '^[a-z][a-z0-9+.-]*://', ''),
                    '^www[.]', ''
                ),
                '([:/?#].*)?[.]?$', ''
            ),
            ''
        ) as account_domain
    from accounts
),

shared as (
    select account_domain, count(distinct account_id) as accounts_with_domain
    from normalised
    where account_domain is not null
    group by account_domain
),

final as (
    select
        normalised.account_id,
        normalised.raw_domain,
        normalised.account_domain,
        coalesce(shared.accounts_with_domain, 0) as accounts_with_domain,
        case
            when normalised.account_domain is null then 'missing'
            when not {{ lead_scoring.regex_matches(
                'normalised.account_domain', "'^[a-z0-9]([a-z0-9-]*[a-z0-9])?([.][a-z0-9]([a-z0-9-]*[a-z0-9])?)+$'"
            ) }} then 'malformed'
            when email_domains.domain_type in ('free_mail', 'disposable') then email_domains.domain_type
            when shared.accounts_with_domain > 1 then 'shared'
            else 'ok'
        end as domain_status
    from normalised
    left join shared
        on normalised.account_domain = shared.account_domain
    left join email_domains
        on normalised.account_domain = email_domains.domain
)

select * from final
