{% macro check_seed_files() %}
    {#- on-run-start: stops every command, before any seed loads, when a seed file of this
        project is empty (0 bytes, or a bare line break). dbt's own loader would stop later
        with "a callable raised a StopIteration exception", naming neither file nor fix.
        Seeds whose file has only a header row are caught by the seed tests instead
        (tests/singular/assert_settings_have_rows.sql). Returns no SQL. -#}
    {%- if execute -%}
        {%- set empty_file_hashes = [
            'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
            '01ba4719c80b6fe911b091a7c05124b64eeece964e09c058ef8f9805daca546b',
            '7eb70257593da06f682a3ddda54a9d260d4fc514f645237f5ca74b08f8da61a6',
        ] -%}
        {%- for node in graph.nodes.values()
            if node.resource_type == 'seed' and node.checksum.checksum in empty_file_hashes -%}
            {{ exceptions.raise_compiler_error(
                node.original_file_path ~ " is empty: a seed needs at least its header row (and, unless var "
                ~ "lead_scoring_allow_empty_seeds lists it, data rows). Restore it, e.g. git checkout "
                ~ node.original_file_path ~ ".") }}
        {%- endfor -%}
    {%- endif -%}
{% endmacro %}
