"""The web UI's static files, served from memory: read and compressed once.

A map page's first visit asks for a dozen files at once (scripts, styles, base-map layers) while the
browser waits to draw; reading each from disk in a worker thread, per request, kept the first draw
waiting on the server. Here every file under the folder is read once (as the server starts, or
when first asked for), gzipped once when it is text, and answered with an ETag so a browser that
has it gets a 304.
"""
from __future__ import annotations

import gzip
import hashlib
import mimetypes
from dataclasses import dataclass
from email.utils import formatdate
from functools import lru_cache
from pathlib import Path

from starlette._utils import get_route_path
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

_TEXT = ("text/", "application/javascript", "application/json", "application/geo+json", "image/svg+xml")
_GZIP_LEVEL = 6


@dataclass(frozen=True)
class Asset:
    """One file's bytes, plain and (for text) gzipped, with its type and validators."""

    body: bytes
    gzipped: bytes | None
    media_type: str
    etag: str
    modified: str

    @classmethod
    def read(cls, path: Path, media_type: str | None = None) -> Asset:
        """The file at `path`, typed by its suffix unless `media_type` is given."""
        body = path.read_bytes()
        kind = media_type or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        packed = gzip.compress(body, compresslevel=_GZIP_LEVEL, mtime=0) if kind.startswith(_TEXT) else None
        return cls(body, packed if packed and len(packed) < len(body) else None, kind,
                   '"' + hashlib.md5(body, usedforsecurity=False).hexdigest() + '"',
                   formatdate(path.stat().st_mtime, usegmt=True))

    def response(self, headers: Headers, extra: dict[str, str] | None = None) -> Response:
        """The answer to a GET with these request headers: 304 when the browser has it, gzipped when
        it accepts that."""
        common = {"ETag": self.etag, "Last-Modified": self.modified, "Vary": "Accept-Encoding", **(extra or {})}
        if self.etag in headers.get("if-none-match", ""):
            return Response(status_code=304, headers=common)
        if self.gzipped is not None and "gzip" in headers.get("accept-encoding", ""):
            return Response(self.gzipped, media_type=self.media_type, headers={**common, "Content-Encoding": "gzip"})
        return Response(self.body, media_type=self.media_type, headers=common)


class StaticAssets:
    """An ASGI app serving the files under `folder` (mounted at /static): only the files there when
    the app starts, never a path outside it."""

    def __init__(self, folder: Path) -> None:
        self._files = {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file()}

    @lru_cache(maxsize=None)
    def asset(self, name: str) -> Asset | None:
        """The file named by its path under the folder, or None."""
        path = self._files.get(name)
        return Asset.read(path) if path else None

    def warm(self) -> None:
        """Read and compress every file now (as the server starts), not on the first visit."""
        for name in self._files:
            self.asset(name)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] not in ("GET", "HEAD"):
            raise HTTPException(405, "static files are only read. You can fix this by sending a GET")
        name = get_route_path(scope).lstrip("/")
        found = self.asset(name)
        if found is None:
            raise HTTPException(404, f"no static file {name!r}. You can fix this by starting from /events")
        await found.response(Headers(scope=scope))(scope, receive, send)
