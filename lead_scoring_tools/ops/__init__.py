"""Tools a scheduler runs (backfill) and dbt inside a Python process (dbt_invoke)."""
