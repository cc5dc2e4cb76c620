from django.apps import AppConfig


class ClocksConfig(AppConfig):
    name = "clocks"
    verbose_name = "Statutory clocks"

    def ready(self) -> None:
        from django.core import checks

        from casework.events import on_child_changed

        from . import actions  # noqa: F401  (registers event kinds)
        from .checks import check_timescales_catalogue
        from .recompute import refresh_children

        on_child_changed(refresh_children)
        checks.register(check_timescales_catalogue, "clocks")
