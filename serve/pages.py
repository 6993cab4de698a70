"""The browser page at /: a YASGUI query editor over /sparql, with the query library as examples."""

from __future__ import annotations

from starlette.requests import Request
from starlette.routing import Route

from resograph import queries
from resograph.serve.templating import templates


async def index(request: Request):
    examples = queries.library()
    return templates.TemplateResponse(
        request,
        "index.html",
        {
            "endpoint": str(request.url_for("sparql")),
            "examples": examples,
            "example_data": [{"name": q.name, "title": q.title, "query": q.text} for q in examples],
        },
    )


routes = [Route("/", index, name="index")]
