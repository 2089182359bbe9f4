-- trimmed_or_null gives what nullif(trim(x), '') gives, on the values its fast path must
-- tell apart: every character trim removes (the space and the Unicode space separators) at
-- either end, tabs and other characters trim keeps, non-ASCII text, blanks and null. Rows
-- are the values where the two differ.

with

samples as (
    select cast(sample_values.sample as {{ dbt.type_string() }}) as sample
    from (
        values
        (' E1'),
        ('E1 '),
        (' E1 '),
        (' '),
        (' E1'),
        ('E1 '),
        (' E1 '),
        (' '),
        (' E1'),
        ('E1 '),
        (' E1 '),
        (' '),
        (' E1'),
        ('E1 '),
        (' E1 '),
        (' '),
        (' E1'),
        ('E1 '),
        (' E1 '),
        (' '),
        (' E1'),
        ('E1 '),
        (' E1 '),
        (' '),
        (' E1'),
        ('E1 '),
        (' E1 '),
        (' '),
        (' E1'),
        ('E1 '),
        (' E1 '),
        (' '),
        (' E1'),
        ('E1 '),
        (' E1 '),
        (' '),
        (' E1'),
        ('E1 '),
        (' E1 '),
        (' '),
        (' E1'),
        ('E1 '),
        (' E1 '),
        (' '),
        (' E1'),
        ('E1 '),
        (' E1 '),
        (' '),
        (' E1'),
        ('E1 '),
        (' E1 '),
        (' '),
        (' E1'),
        ('E1 '),
        (' E1 '),
        (' '),
        (' E1'),
        ('E1 '),
        (' E1 '),
        (' '),
        (' E1'),
        ('E1 '),
        (' E1 '),
        (' '),
        ('　E1'),
        ('E1　'),
        ('　E1　'),
        ('　'),
        ('E1'),
        (''),
        ('   '),
        ('E1	'),
        ('	E1'),
        ('É1'),
        ('E1é'),
        (' É1 '),
        ('E 1'),
        ('e'),
        ('~'),
        ('!x!'),
        ('E1  '),
        ('​E1'),
        (null)
    ) as sample_values (sample)
),

compared as (
    select
        sample,
        {{ lead_scoring.trimmed_or_null('sample') }} as fast_path,
        nullif(trim(sample), '') as reference
    from samples
)

select sample
from compared
where not coalesce(fast_path = reference, fast_path is null and reference is null)
