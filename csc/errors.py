"""The one error type actions raise for bad input; views and the API both translate it."""

from __future__ import annotations

NON_FIELD = "__all__"


class ActionError(Exception):
    """Refusal of an action. `errors` maps field names to messages ("__all__" for the whole)."""

    def __init__(self, errors: dict[str, list[str]] | str, *, code: str = "invalid") -> None:
        if isinstance(errors, str):
            errors = {NON_FIELD: [errors]}
        self.errors = errors
        self.code = code
        super().__init__("; ".join(m for msgs in errors.values() for m in msgs))

    @classmethod
    def collect(cls, problems: dict[str, str | None]) -> None:
        """Raise with every non-empty problem at once, so a form shows them all."""
        found = {field: [msg] for field, msg in problems.items() if msg}
        if found:
            raise cls(found)


class PermissionDenied(ActionError):
    def __init__(self, message: str = "You do not have permission to do that") -> None:
        super().__init__(message, code="forbidden")
