"""The local web UI (the analyst's workbench): `create_app(store_url)` returns the FastAPI app."""
from conflictscope.web.app import create_app

__all__ = ["create_app"]
