"""The ASGI application: the SPARQL endpoint, the browser pages and their static files.

Routes come from the modules in ROUTE_MODULES, each exposing a `routes` list
of Starlette routes; to add pages, write a module with its routes and
templates (see docs/serve.md) and add its name here.
"""

from __future__ import annotations

import importlib
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from resograph.serve.pool import WorkerPool
from resograph.serve.settings import ServeSettings

STATIC_DIR = Path(__file__).parent / "static"

ROUTE_MODULES = (
    "resograph.serve.endpoint",
    "resograph.serve.pages",
    "resograph.serve.resources",
)


def make_app(settings: ServeSettings) -> Starlette:
    @asynccontextmanager
    async def lifespan(app: Starlette):
        pool = WorkerPool(settings.store_dir, settings.workers, settings.timeout)
        await pool.start()
        app.state.pool = pool
        try:
            yield
        finally:
            await pool.close()

    routes = [route for name in ROUTE_MODULES for route in importlib.import_module(name).routes]
    routes.append(Mount("/static", app=StaticFiles(directory=STATIC_DIR), name="static"))
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Accept", "Content-Type"],
            )
        ],
        lifespan=lifespan,
        max_body_size=settings.max_body_bytes,
    )
    app.state.settings = settings
    return app
