"""Links to statutory returns shown on the performance page. Other apps append to `RETURN_LINKS`
(for example in their AppConfig.ready) with `register(...)`; a link whose URL name does not
resolve is skipped, so an app can register before its pages exist."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class ReturnLink:
    label: str
    url_name: str
    description: str = ""
    # Roles that may follow the link; None means everyone who may see the performance page.
    roles: frozenset[str] | None = None


RETURN_LINKS: list[ReturnLink] = [
    ReturnLink(
        "Children in need census",
        "returns:cin_census",
        "Download the census XML and see what the DfE rules say about it, child by child.",
        roles=frozenset({"performance_analyst", "head_of_service", "director", "administrator"}),
    ),
    ReturnLink(
        "Ofsted Annex A lists",
        "returns:annex_a",
        "Lists 1 to 7 for an inspection date, as the Ofsted template workbook.",
        roles=frozenset({"performance_analyst", "head_of_service", "director", "administrator"}),
    ),
]


def register(link: ReturnLink) -> None:
    if all(existing.url_name != link.url_name for existing in RETURN_LINKS):
        RETURN_LINKS.append(link)


def links_for(user: object) -> list[dict[str, str]]:
    role = getattr(user, "role", "")
    superuser = bool(getattr(user, "is_superuser", False))
    out = []
    for link in RETURN_LINKS:
        if link.roles is not None and role not in link.roles and not superuser:
            continue
        try:
            url = reverse(link.url_name)
        except NoReverseMatch:
            continue
        out.append({"label": link.label, "url": url, "description": link.description})
    return out
