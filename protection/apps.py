from django.apps import AppConfig


class ProtectionConfig(AppConfig):
    name = "protection"
    verbose_name = "Child protection and child in need"

    def ready(self) -> None:
        from casework.queries import SUMMARY_PANELS
        from clocks.sources import register_source

        from . import actions  # noqa: F401  (registers event kinds)
        from .panels import protection_panel
        from .sources import protection_events, protection_events_many

        register_source("protection", protection_events, batch=protection_events_many)
        if protection_panel not in SUMMARY_PANELS:
            SUMMARY_PANELS.append(protection_panel)
