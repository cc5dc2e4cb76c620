from performance.tests.conftest import dataset, on_today

__all__ = ["dataset", "on_today"]
