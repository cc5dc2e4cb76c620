"""`{% census_issues_for_user %}`: the CIN census findings on the signed-in worker's children.

My work includes it in one line. It shows nothing unless the latest completed check of the
census found something on a child allocated to the user.
"""

from __future__ import annotations

from typing import Any

from django import template

from accounts.models import User
from returns.cin_census.fields import field_label, page_for, page_url
from returns.cin_census.readiness import issues_for_worker

register = template.Library()


@register.inclusion_tag("returns/_my_census_issues.html", takes_context=True)
def census_issues_for_user(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if not isinstance(user, User) or user.is_partner:
        return {"rows": []}
    run, issues = issues_for_worker(user)
    rows = []
    for issue in issues:
        person = issue.person
        if person is None:
            continue
        items = issue.field_list or [""]
        page = page_for(issue.module, items[0] or None)
        rows.append(
            {
                "person": person,
                "rule": issue.rule,
                "is_query": issue.is_query,
                "message": issue.message,
                "fields": ", ".join(field_label(i) for i in items if i),
                "url": page_url(page, person.pk),
                "page_label": page.label,
            }
        )
    errors = sum(1 for r in rows if not r["is_query"])
    return {"run": run, "rows": rows, "errors": errors, "queries": len(rows) - errors}
