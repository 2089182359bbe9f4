-- Classifying each distinct title once keeps the regex work proportional to the
-- number of distinct titles, not the number of leads.
with

leads as (
    select job_title from {{ ref('lead_scoring', 'int_leads_deduplicated') }}
    where not is_deleted
),

title_patterns as (
    select * from {{ lead_scoring.settings_table('job_title_patterns') }}
),

distinct_titles as (
    select distinct job_title
    from leads
    where job_title is not null
),

matches as (
    select
        distinct_titles.job_title,
        title_patterns.dimension,
        title_patterns.title_value,
        row_number() over (
            partition by distinct_titles.job_title, title_patterns.dimension
            order by title_patterns.priority, title_patterns.pattern_id
        ) as match_rank
    from distinct_titles
    inner join title_patterns
        on {{ lead_scoring.regex_matches('distinct_titles.job_title', 'title_patterns.pattern') }}
),

final as (
    select
        distinct_titles.job_title,
        max(case when matches.dimension = 'seniority' then matches.title_value end) as seniority,
        max(case when matches.dimension = 'department' then matches.title_value end) as department,
        max(case when matches.dimension = 'persona' then matches.title_value end) as persona
    from distinct_titles
    left join matches
        on
            distinct_titles.job_title = matches.job_title
            and matches.match_rank = 1
    group by distinct_titles.job_title
)

select * from final
