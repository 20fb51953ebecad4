"""How every route answers: HTML pages, JSON, the one error shape, and the security headers."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from conflictscope.models import Event
from conflictscope.web import security

if TYPE_CHECKING:   # the workbench's map data is made with this module's `dumps`
    from conflictscope.web.workbench import Workbench

LIST_LIMIT = 500   # events listed on a page; the JSON twins list them all
_JSON_SUFFIXES = (".json", ".geojson", ".csv")
_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
_SECURITY_HEADERS = {"Content-Security-Policy": _CSP, "X-Content-Type-Options": "nosniff",
                     "Referrer-Policy": "same-origin"}
_SUMMARY_FIELDS = ("id", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "location", "admin1",
                   "fatalities", "status", "source_file", "background")


def dumps(data: Any) -> bytes:
    """JSON as the pages send it: UTF-8, dates and other plain values as strings."""
    return json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")


class JSON(JSONResponse):
    """JSON that also serialises dates and other plain values the store hands back."""

    def render(self, content: Any) -> bytes:
        return dumps(content)


def bench(request: Request) -> Workbench:
    """The app's workbench: its store, reference data and cached selections."""
    found: Workbench = request.app.state.bench
    return found


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A rendered template, with the request and its CSRF token in its context."""
    context.update(request=request, csrf_token=security.token_for(request))
    html = request.app.state.templates.get_template(template).render(**context)
    return HTMLResponse(html, status_code=status)


def error(request: Request, status: int, message: str) -> Response:
    """The one error shape, {"error": {"status", "message"}}, as JSON or as a page."""
    body = {"error": {"status": status, "message": message}}
    if wants_json(request):
        return JSON(body, status_code=status)
    return page(request, "error.html", status=status, error=body["error"])


def not_found(what: str, name: str, fix: str) -> HTTPException:
    """A 404 that names what was asked for and where to find one."""
    return HTTPException(404, f"no {what} {name!r}. You can fix this by {fix}")


def wants_json(request: Request) -> bool:
    """Whether the request asks for JSON: a JSON twin's path, its Accept or its body."""
    if request.url.path.endswith(_JSON_SUFFIXES):
        return True
    accept = request.headers.get("accept", "")
    content_type = request.headers.get("content-type", "")
    return ("application/json" in accept and "text/html" not in accept) or content_type.startswith("application/json")


def split_twin(name: str) -> tuple[str, bool]:
    """("NAME", True) for "NAME.json": a path parameter and whether the JSON twin is asked for."""
    return (name[:-5], True) if name.endswith(".json") else (name, False)


def event_summary(e: Event) -> dict[str, Any]:
    """The fields of an event that lists of events show."""
    return {k: getattr(e, k) for k in _SUMMARY_FIELDS}


class Guard:
    """Middleware (plain ASGI: the first map visit asks for a dozen files at once, and Starlette's
    `BaseHTTPMiddleware` cost each of them milliseconds): `refusal` first, then the security headers
    and a new CSRF cookie, when one was made, on every answer."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in _SECURITY_HEADERS.items():
                    if name not in headers:
                        headers[name] = value
                new = scope.get("state", {}).get("new_csrf")
                if new:
                    headers.append("set-cookie", _csrf_cookie(new))
            await send(message)

        refused = refusal(Request(scope, receive))
        if refused is not None:
            await refused(scope, receive, send_secured)
            return
        await self.app(scope, receive, send_secured)


def _csrf_cookie(value: str) -> str:
    """The Set-Cookie header of a new CSRF token."""
    carrier = Response()
    carrier.set_cookie(security.COOKIE, value, httponly=True, samesite="strict", path="/")
    return carrier.headers["set-cookie"]


def refusal(request: Request) -> Response | None:
    """The answer to a request refused: a Host that is not ours, no access token (when one is
    needed), a body larger than the limit; or the redirect that moves a token given in the URL into
    a cookie. None for a request to serve."""
    state = request.app.state
    why = security.host_refusal(request, state.allowed_hosts)
    if why:
        return error(request, 400, why)
    token = state.access_token
    if token and not security.access_granted(request, token):
        return error(request, 401, "this workbench listens beyond this computer and needs its access token. "
                                   "You can fix this by opening the address with ?token=... that "
                                   "`conflictscope serve` printed")
    if token and request.method == "GET" and security.ACCESS_PARAMETER in request.query_params:
        # the token leaves the URL (history, Referer) for an HttpOnly cookie
        kept = [(k, v) for k, v in request.query_params.multi_items() if k != security.ACCESS_PARAMETER]
        moved = RedirectResponse(request.url.path + (f"?{urlencode(kept)}" if kept else ""), status_code=303)
        moved.set_cookie(security.ACCESS_COOKIE, token, httponly=True, samesite="strict", path="/")
        return moved
    if len(request.url.query) > state.max_query:
        return error(request, 414, f"the address is longer than the {state.max_query:,} characters of filters this "
                                   "workbench reads. You can fix this by filtering with fewer or shorter values")
    length = request.headers.get("content-length", "0")
    if not length.isdigit() or int(length) > state.max_body:
        return too_large(request)
    return None


def too_large(request: Request) -> Response:
    """The 413 for a request body over the limit."""
    most = request.app.state.max_body
    return error(request, 413, f"the request is larger than the {most:,} bytes this workbench accepts. You can "
                               "fix this by sending less (notes and values are short texts)")


async def http_error(request: Request, exc: HTTPException) -> Response:
    """Exception handler: HTTP errors (404s included) in the one error shape."""
    message = exc.detail if isinstance(exc.detail, str) else "error"
    if exc.status_code == 404 and message == "Not Found":
        message = f"nothing at {request.url.path}. You can fix this by starting from /events"
    return error(request, exc.status_code, message)


async def bad_request(request: Request, exc: Exception) -> Response:
    """Exception handler: a filter or library error the user can fix, as a 400."""
    return error(request, 400, str(exc))
