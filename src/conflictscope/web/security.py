"""Cross-site request protection for the review actions.

A per-browser token lives in a SameSite=Strict, HttpOnly cookie; every form carries it back in a
hidden field (scripts send it as the `X-CSRF-Token` header). A POST is refused unless the two
match and the request, when the browser says where it came from (Origin, Referer,
Sec-Fetch-Site), came from this site.
"""
from __future__ import annotations

import hmac
import secrets
from urllib.parse import urlsplit

from starlette.requests import Request

COOKIE = "conflictscope_csrf"
FIELD = "csrf_token"
HEADER = "x-csrf-token"


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_for(request: Request) -> str:
    """The request's token: the cookie's, or a new one the response will set."""
    token = request.cookies.get(COOKIE)
    if not token or len(token) > 128:
        token = getattr(request.state, "new_csrf", None) or new_token()
        request.state.new_csrf = token
    return token


def _own_origin(request: Request) -> str:
    host = request.headers.get("host") or f"{request.url.hostname}:{request.url.port}"
    return f"{request.url.scheme}://{host}".lower()


def refusal(request: Request, sent_token: str | None) -> str | None:
    """Why this POST must be refused, or None when it is allowed."""
    own = _own_origin(request)
    origin = request.headers.get("origin")
    if origin is not None:
        if origin.lower().rstrip("/") != own:
            return (f"the request came from another site ({origin}); review actions are only "
                    "accepted from this application's own pages")
    else:
        referer = request.headers.get("referer")
        if referer:
            parts = urlsplit(referer)
            if f"{parts.scheme}://{parts.netloc}".lower() != own:
                return ("the request came from another site; review actions are only accepted "
                        "from this application's own pages")
    if request.headers.get("sec-fetch-site") in ("cross-site", "same-site"):
        return "the browser reports a cross-site request; review actions are only accepted from this site"
    cookie = request.cookies.get(COOKIE)
    if not cookie or not sent_token or not hmac.compare_digest(cookie.encode(), sent_token.encode()):
        return ("the form's security token is missing or does not match. You can fix this by "
                "reloading the page and submitting the form again")
    return None
