"""The workbench's routes, one module per page (and its JSON twin): `ROUTERS` in the order they match."""
from conflictscope.web.routes import actors, basemap, event, events, exports, places, review, sources

ROUTERS = [events.router, exports.router, event.router, review.router, actors.router, places.router,
           sources.router, basemap.router]

__all__ = ["ROUTERS"]
