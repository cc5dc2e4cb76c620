"""The JSON API at /api/v1/, described at /api/v1/openapi.json."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from csc.errors import ActionError

from .assessments import router as assessments_router
from .auth import AUTH
from .clocks import router as clocks_router
from .front_door import router as front_door_router
from .people import router as people_router
from .protection import router as protection_router

api = NinjaAPI(
    title="Trellis API",
    version="1",
    description="Children's social care records. Every endpoint applies the same access "
    "rules as the pages; reading a child's record is written to the access log.",
    auth=AUTH,
    urls_namespace="api",
)
api.add_router("", people_router)
api.add_router("", front_door_router)
api.add_router("", clocks_router)
api.add_router("", protection_router)
api.add_router("", assessments_router)

_STATUS = {"forbidden": 403, "duplicate": 409, "not_found": 404}


@api.exception_handler(ActionError)
def action_error(request: HttpRequest, exc: ActionError) -> HttpResponse:
    return api.create_response(
        request, {"code": exc.code, "errors": exc.errors}, status=_STATUS.get(exc.code, 400)
    )


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for item in exc.errors:
        loc = [str(p) for p in item.get("loc", []) if p not in ("body", "payload", "query")]
        errors.setdefault(".".join(loc) or "__all__", []).append(str(item.get("msg", "Invalid")))
    return api.create_response(request, {"code": "invalid", "errors": errors}, status=422)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(
        request, {"code": "not_found", "errors": {"__all__": ["No record found"]}}, status=404
    )


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request,
        {"code": "unauthenticated", "errors": {"__all__": ["Sign in or send a valid token"]}},
        status=401,
    )


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(
        request, {"code": "invalid", "errors": {"__all__": [str(exc)]}}, status=exc.status_code
    )
