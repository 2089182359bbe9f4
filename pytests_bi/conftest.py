"""The BI checks (make test-bi): they read a built warehouse, by default make test's demo
database (target/test.duckdb), and never write to it."""

from __future__ import annotations

from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--test-db", default=str(PROJECT_DIR / "target" / "test.duckdb"),
                     help="the built DuckDB warehouse the BI checks read (make test builds target/test.duckdb)")


@pytest.fixture(scope="session")
def test_db(request) -> str:
    path = Path(request.config.getoption("--test-db"))
    if not path.exists():
        pytest.fail(f"no warehouse at {path}: run make test (or make data and dbt build) first")
    return str(path)
