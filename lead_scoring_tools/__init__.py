"""Python glue around the dbt project, one job per subpackage:

- demo: the demo data generator and the printout of the top leads;
- ops: tools a scheduler runs (backfill) and dbt run inside a Python process;
- bench: the benchmark and its yardsticks (a hand-written query, naive pandas);
- testing: throw-away servers and I/O the engine tests need (PostgreSQL, Spark).
"""
