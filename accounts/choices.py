from django.db import models


class Role(models.TextChoices):
    SOCIAL_WORKER = "social_worker", "Social worker"
    PERSONAL_ADVISER = "personal_adviser", "Personal adviser"
    TEAM_MANAGER = "team_manager", "Team manager"
    HEAD_OF_SERVICE = "head_of_service", "Head of service"
    DIRECTOR = "director", "Director"
    MASH_OFFICER = "mash_officer", "MASH officer"
    PARTNER_AGENCY = "partner_agency", "Partner agency user"
    IRO = "iro", "IRO / CP chair"
    QA_AUDITOR = "qa_auditor", "QA auditor"
    PERFORMANCE_ANALYST = "performance_analyst", "Performance analyst"
    ADMINISTRATOR = "administrator", "Administrator"


# Roles whose work spans the whole service: they may see every child who is not
# a restricted record. MASH officers screen contacts about any child, so they must
# be able to find existing records.
SERVICE_WIDE_ROLES = frozenset(
    {
        Role.DIRECTOR,
        Role.MASH_OFFICER,
        Role.IRO,
        Role.QA_AUDITOR,
        Role.PERFORMANCE_ANALYST,
        Role.ADMINISTRATOR,
    }
)

MANAGER_ROLES = frozenset({Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.DIRECTOR})


class TeamKind(models.TextChoices):
    SERVICE_AREA = "service_area", "Service area"
    TEAM = "team", "Team"
