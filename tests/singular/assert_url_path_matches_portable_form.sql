-- url_path (dispatched: DuckDB has a faster form) gives what the portable form,
-- default__url_path, gives: on URLs with and without a scheme, host, query or fragment, in
-- upper case, with odd schemes, with line breaks (where one pattern and the two replacements
-- would differ), blank and null. Rows are the URLs where the two differ.

with

samples as (
    select cast(sample_values.sample as {{ dbt.type_string() }}) as sample
    from (
        values
        ('https://a.com/Path/X?q=1#f'),
        ('HTTP://HOST/A?b#c'),
        ('/pricing'),
        ('/Pricing/'),
        ('pricing'),
        ('//host/path'),
        ('?q'),
        ('#f'),
        ('mailto:x@y'),
        ('a://b'),
        ('1http://x/y'),
        ('http://x'),
        ('http://x?y'),
        ('http://x#y/z'),
        ('https://h/p?a' || chr(10) || 'b'),
        ('https://h/p?a' || chr(10) || 'b?c'),
        ('https://h/p' || chr(10) || '?x'),
        (''),
        ('ftp+x.y-z://h/a/b'),
        ('ht tp://x/y'),
        ('https://h/a#b?c'),
        ('https://h/%3F?x'),
        ('https://h/p?x'),
        ('https://h/p?x' || chr(10) || ''),
        ('https://h/p?x	'),
        ('  https://h/p'),
        ('HTTPS://Ünï.com/Ä?x'),
        ('/a/b/c.html#top'),
        (null)
    ) as sample_values (sample)
),

compared as (
    select
        sample,
        {{ lead_scoring.url_path('sample') }} as dispatched,
        {{ lead_scoring.default__url_path('sample') }} as reference
    from samples
)

select sample
from compared
where not coalesce(dispatched = reference, dispatched is null and reference is null)
