-- Stops the build with the first pattern of seeds/job_title_patterns.csv that is not a valid
-- regular expression on this engine, naming the pattern_id and the pattern (models would
-- otherwise fail later without naming the file or the row); no rows when all compile.

with

patterns as (
    select * from {{ lead_scoring.settings_table('job_title_patterns') }}
),

final as (
    -- The error sits in the filter: the test wrapper only counts rows, and an engine may skip
    -- computing a column nobody reads.
    select
        pattern_id,
        pattern
    from patterns
    -- CASE, not AND: PostgreSQL may evaluate either side of an AND first.
    where
        case
            when not {{ lead_scoring.is_valid_regex('pattern') }}
                then {{ lead_scoring.raise_sql_error(
                    "'seeds/job_title_patterns.csv, pattern_id ' || coalesce(pattern_id, '(empty)')
                    || ': invalid regular expression ' || pattern
                    || ' (fix the pattern; patterns are matched against lower-cased titles)'"
                ) }} is null
            else false
        end
)

select * from final
