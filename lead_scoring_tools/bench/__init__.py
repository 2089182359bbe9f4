"""The benchmark (make bench) and its yardsticks."""
