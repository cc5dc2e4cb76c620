from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Assessments"

    def ready(self) -> None:
        from casework.queries import SUMMARY_PANELS
        from clocks.sources import register_source

        from . import actions  # noqa: F401  (registers event kinds)
        from .queries import assessment_panel
        from .sources import assessment_events, assessment_events_many

        register_source("assessments", assessment_events, batch=assessment_events_many)
        if assessment_panel not in SUMMARY_PANELS:
            SUMMARY_PANELS.append(assessment_panel)
