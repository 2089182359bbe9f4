-- The DuckDB fast forms of two dispatched macros give what the portable forms give.
-- trimmed_or_null against nullif(trim(x), ''): every character DuckDB's trim removes (the space
-- and the Unicode space separators) at either end and alone, tabs and other characters trim
-- keeps, non-ASCII text, blanks and null. url_path against default__url_path: URLs with and
-- without a scheme, host, query or fragment, in upper case, with odd schemes, with line
-- breaks (where one pattern and the two replacements would differ), blank and null.
-- Rows are the samples where a fast form and its portable form differ.

with

space_characters as (
    select chr(code_points.code_point) as space_character
    from (
        values
        (32), (160), (5760), (8192), (8193), (8194), (8195), (8196), (8197),
        (8198), (8199), (8200), (8201), (8202), (8239), (8287), (12288)
    ) as code_points (code_point)
),

trim_samples as (
    select cast(sample as {{ dbt.type_string() }}) as sample
    from (
        select space_character || 'E1' as sample from space_characters
        union all
        select 'E1' || space_character as sample from space_characters
        union all
        select space_character || 'E1' || space_character as sample from space_characters
        union all
        select space_character as sample from space_characters
        union all
        select other_values.sample
        from (
            values
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
        ) as other_values (sample)
    ) as all_values
),

url_samples as (
    select cast(url_values.sample as {{ dbt.type_string() }}) as sample
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
        ('https://h/p
?x'),
        ('https://h/p?x' || chr(10) || ''),
        ('https://h/p?x	'),
        ('  https://h/p'),
        ('HTTPS://Ünï.com/Ä?x'),
        ('/a/b/c.html#top'),
        (null)
    ) as url_values (sample)
),

compared as (
    select
        'trimmed_or_null' as fast_form,
        sample,
        {{ lead_scoring.trimmed_or_null('sample') }} as dispatched,
        nullif(trim(sample), '') as reference
    from trim_samples
    union all
    select
        'url_path' as fast_form,
        sample,
        {{ lead_scoring.url_path('sample') }} as dispatched,
        {{ lead_scoring.default__url_path('sample') }} as reference
    from url_samples
)

select
    fast_form,
    sample
from compared
where not coalesce(dispatched = reference, dispatched is null and reference is null)
