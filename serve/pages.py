"""The browser page at /: a YASGUI query editor over /sparql, with the query library as examples."""

from __future__ import annotations

from dataclasses import asdict

from starlette.requests import Request
from starlette.routing import Route

from resograph.serve.examples import load_examples
from resograph.serve.templating import templates


async def index(request: Request):
    examples = load_examples()
    return templates.TemplateResponse(
        request,
        "index.html",
        {"endpoint": str(request.url_for("sparql")), "examples": examples, "example_data": [asdict(e) for e in examples]},
    )


routes = [Route("/", index, name="index")]
