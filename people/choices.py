"""Coded values. Codes are what the DfE returns use; labels are what people read."""

from django.db import models


class PersonKind(models.TextChoices):
    CHILD = "child", "Child"
    ADULT = "adult", "Adult"


class Sex(models.TextChoices):
    # CIN census and SSDA903 from 2024-25.
    MALE = "M", "Male"
    FEMALE = "F", "Female"
    UNKNOWN = "U", "Not known / not recorded"


class Gender(models.TextChoices):
    # CIN census GenderCurrent codes (used up to 2023-24, kept as recorded identity).
    NOT_KNOWN = "0", "Not known"
    MALE = "1", "Male"
    FEMALE = "2", "Female"
    NOT_SPECIFIED = "9", "Not specified"


class Ethnicity(models.TextChoices):
    WBRI = "WBRI", "White British"
    WIRI = "WIRI", "White Irish"
    WIRT = "WIRT", "Traveller of Irish heritage"
    WOTH = "WOTH", "Any other White background"
    WROM = "WROM", "Gypsy/Roma"
    MWBC = "MWBC", "White and Black Caribbean"
    MWBA = "MWBA", "White and Black African"
    MWAS = "MWAS", "White and Asian"
    MOTH = "MOTH", "Any other mixed background"
    AIND = "AIND", "Indian"
    APKN = "APKN", "Pakistani"
    ABAN = "ABAN", "Bangladeshi"
    AOTH = "AOTH", "Any other Asian background"
    BCRB = "BCRB", "Black Caribbean"
    BAFR = "BAFR", "Black African"
    BOTH = "BOTH", "Any other Black background"
    CHNE = "CHNE", "Chinese"
    OOTH = "OOTH", "Any other ethnic group"
    REFU = "REFU", "Refused"
    NOBT = "NOBT", "Information not yet obtained"


class Disability(models.TextChoices):
    # CIN census disability codes.
    NONE = "NONE", "No disability"
    MOB = "MOB", "Mobility"
    HAND = "HAND", "Hand function"
    PC = "PC", "Personal care"
    INC = "INC", "Incontinence"
    COMM = "COMM", "Communication"
    LD = "LD", "Learning"
    HEAR = "HEAR", "Hearing"
    VIS = "VIS", "Vision"
    BEH = "BEH", "Behaviour"
    CON = "CON", "Consciousness"
    AUT = "AUT", "Autism or Asperger syndrome"
    DDA = "DDA", "Other disability (Equality Act 2010)"


class UpnUnknown(models.TextChoices):
    UN1 = "UN1", "Child is aged under 6 years old and is not yet assigned a UPN"
    UN2 = "UN2", "Child has never attended a maintained school in England"
    UN3 = "UN3", "Child is educated outside England"
    UN4 = "UN4", "Child is newly arrived in the UK"
    UN5 = "UN5", "Sources collating UPNs reflect discrepancy"
    UN6 = "UN6", "Child aged 6 or over, not yet assigned a UPN"
    UN7 = "UN7", "Referral with no further action"


class Religion(models.TextChoices):
    NONE = "none", "No religion"
    BUDDHIST = "buddhist", "Buddhist"
    CHRISTIAN = "christian", "Christian"
    HINDU = "hindu", "Hindu"
    JEWISH = "jewish", "Jewish"
    MUSLIM = "muslim", "Muslim"
    SIKH = "sikh", "Sikh"
    OTHER = "other", "Any other religion"
    NOT_STATED = "not_stated", "Not stated"


class RelationshipKind(models.TextChoices):
    # Read as "<other> is the <kind> of <person>".
    MOTHER = "mother", "Mother"
    FATHER = "father", "Father"
    PARENT = "parent", "Parent"
    STEP_PARENT = "step_parent", "Step-parent"
    PARENTS_PARTNER = "parents_partner", "Parent's partner"
    SIBLING = "sibling", "Sibling"
    HALF_SIBLING = "half_sibling", "Half-sibling"
    STEP_SIBLING = "step_sibling", "Step-sibling"
    GRANDPARENT = "grandparent", "Grandparent"
    AUNT_UNCLE = "aunt_uncle", "Aunt or uncle"
    COUSIN = "cousin", "Cousin"
    CARER = "carer", "Carer"
    FOSTER_CARER = "foster_carer", "Foster carer"
    FAMILY_FRIEND = "family_friend", "Family friend"
    OTHER = "other", "Other"


# What the other side of a relationship is called, so both records read naturally.
RELATIONSHIP_INVERSE: dict[str, str] = {
    "mother": "child",
    "father": "child",
    "parent": "child",
    "step_parent": "step_child",
    "parents_partner": "partners_child",
    "sibling": "sibling",
    "half_sibling": "half_sibling",
    "step_sibling": "step_sibling",
    "grandparent": "grandchild",
    "aunt_uncle": "niece_nephew",
    "cousin": "cousin",
    "carer": "cared_for",
    "foster_carer": "foster_child",
    "family_friend": "family_friend",
    "other": "other",
}
INVERSE_LABELS = {
    "child": "Child",
    "step_child": "Step-child",
    "partners_child": "Partner's child",
    "grandchild": "Grandchild",
    "niece_nephew": "Niece or nephew",
    "cared_for": "Person cared for",
    "foster_child": "Foster child",
}


class ProfessionalRole(models.TextChoices):
    GP = "gp", "GP"
    HEALTH_VISITOR = "health_visitor", "Health visitor"
    SCHOOL_NURSE = "school_nurse", "School nurse"
    MIDWIFE = "midwife", "Midwife"
    TEACHER = "teacher", "Teacher / designated safeguarding lead"
    POLICE = "police", "Police officer"
    PROBATION = "probation", "Probation officer"
    HOUSING = "housing", "Housing officer"
    CAMHS = "camhs", "CAMHS clinician"
    YOUTH_JUSTICE = "youth_justice", "Youth justice worker"
    EARLY_HELP = "early_help", "Early help worker"
    ADULT_SOCIAL_CARE = "adult_social_care", "Adult social care"
    OTHER = "other", "Other professional"
