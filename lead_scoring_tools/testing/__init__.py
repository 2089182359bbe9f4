"""What the engine tests need: a throw-away PostgreSQL server, Spark table I/O."""
