"""The JSON API under /api/v1/: one NinjaAPI; each app adds its router in `api.py`."""

from __future__ import annotations

from ninja import NinjaAPI

api = NinjaAPI(
    title="Solidair API",
    version="1",
    urls_namespace="api",
)
