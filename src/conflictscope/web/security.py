"""Who may talk to the workbench: the Host it answers to, the access token when it listens
beyond this computer, and cross-site request protection for the review actions.

A page on another site that rebinds its domain name to 127.0.0.1 (DNS rebinding) reaches the
app with its own name in the Host header: only the loopback names (and the address given to
`serve --host`) are answered. When the app listens on another address an access token is
required: given once in the URL (?token=...), then kept in a cookie.

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

LOOPBACK = ("127.0.0.1", "localhost", "::1")
ACCESS_COOKIE = "conflictscope_access"
ACCESS_PARAMETER = "token"
COOKIE = "conflictscope_csrf"
FIELD = "csrf_token"
HEADER = "x-csrf-token"


def host_name(header: str) -> str:
    """The name in a Host header, without its port or brackets, lower case: "[::1]:8765" -> "::1"."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value
    if value.count(":") == 1:
        value = value.split(":")[0]
    return value.rstrip(".")


def is_loopback(host: str) -> bool:
    """Whether an address to listen on lets only this computer connect."""
    return host_name(host) in LOOPBACK or host_name(host).startswith("127.")


def allowed_hosts(host: str | None, extra: tuple[str, ...] = ()) -> frozenset[str]:
    """The names the app answers to in the Host header: loopback, the address it listens on, `extra`."""
    return frozenset({*LOOPBACK, *(host_name(h) for h in (host, *extra) if h)})


def host_refusal(request: Request, allowed: frozenset[str]) -> str | None:
    """Why a request's Host header is not one this app answers to, or None."""
    sent = request.headers.get("host", "")
    if host_name(sent) in allowed:
        return None
    return (f"the Host header {sent!r} is not an address of this workbench, so the request is refused (a "
            "page elsewhere may be trying to reach it). You can fix this by opening the address "
            "`conflictscope serve` printed, or by serving with --host NAME for the name you use")


def access_granted(request: Request, token: str) -> bool:
    """Whether a request carries the access token: in its cookie, the URL or an Authorization header."""
    sent = [request.cookies.get(ACCESS_COOKIE), request.query_params.get(ACCESS_PARAMETER)]
    bearer = request.headers.get("authorization", "")
    if bearer.lower().startswith("bearer "):
        sent.append(bearer[7:].strip())
    return any(s and hmac.compare_digest(s.encode(), token.encode()) for s in sent)


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
