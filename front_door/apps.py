from django.apps import AppConfig


class FrontDoorConfig(AppConfig):
    name = "front_door"
    verbose_name = "Front door (MASH)"

    def ready(self) -> None:
        from casework.queries import SUMMARY_PANELS
        from clocks.sources import register_source

        from . import actions  # noqa: F401  (registers event kinds)
        from .panels import front_door_panel
        from .sources import front_door_events, front_door_events_many

        register_source("front_door", front_door_events, batch=front_door_events_many)
        if front_door_panel not in SUMMARY_PANELS:
            SUMMARY_PANELS.append(front_door_panel)
