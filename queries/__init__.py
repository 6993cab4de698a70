"""The query library: named SPARQL queries (`*.rq` in this folder) and the one way to run them.

Each file starts with header comments:

    # title: Clauses citing a given instrument
    # question: Which clauses cite this instrument, with what verb and to whom?
    # param: instrument - the instrument's id, e.g. ILO C189 (default ILO C189)

A parameter is a SPARQL variable of the same name that the query projects in
its SELECT clause. Values are never pasted into the query text: `bindings()`
turns them into RDF terms and `run()` hands them to Oxigraph as
`substitutions`, so a value is always one literal, whatever it contains. The
query body reads a parameter through `COALESCE(?name, default)`, so the file
also runs as it is (in the browser page, with its defaults). A default of
`none` leaves the parameter unset (the query then does not filter on it); an
integer default makes the parameter an integer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from resograph.errors import UserError

SUFFIX = ".rq"
XSD = "http://www.w3.org/2001/XMLSchema#"
NO_DEFAULT = "none"
_PARAM = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+-\s+(?P<meaning>.*?)\s*(?:\(default (?P<default>[^()]*)\))?$")
_INTEGER = re.compile(r"[+-]?\d+")


class QueryError(UserError):
    """A query that cannot be found, parsed or bound; the message is one line naming the query and the problem."""


@dataclass(frozen=True)
class Param:
    name: str
    meaning: str
    default: str | None  # None: unset unless given

    @property
    def is_integer(self) -> bool:
        return self.default is not None and bool(_INTEGER.fullmatch(self.default))


@dataclass(frozen=True)
class Query:
    name: str
    title: str
    question: str
    text: str
    params: tuple[Param, ...] = field(default_factory=tuple)
    path: str | None = None

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


def parse(text: str, name: str, path: str | None = None) -> Query:
    """A query from its text: the header comments up to the first line that is not a comment."""
    fields: dict[str, str] = {}
    params: list[Param] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        key, sep, value = stripped[1:].partition(":")
        key, value = key.strip().lower(), value.strip()
        if not sep:
            continue
        if key == "param":
            m = _PARAM.match(value)
            if not m:
                raise QueryError(f"{path or name}: cannot read the parameter line '# param: {value}' "
                                 "(expected '# param: name - meaning (default value)')")
            default = m.group("default")
            default = None if default is None or default.strip().lower() == NO_DEFAULT else default.strip()
            params.append(Param(m.group("name"), m.group("meaning"), default))
        else:
            fields.setdefault(key, value)
    return Query(name=name, title=fields.get("title", name), question=fields.get("question", ""), text=text,
                 params=tuple(params), path=path)


def library() -> list[Query]:
    """Every query of the installed library, by name."""
    folder = resources.files(__name__)
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(SUFFIX):
            found.append(parse(entry.read_text(encoding="utf-8"), entry.name[: -len(SUFFIX)], entry.name))
    return found


def load(name_or_file: str) -> Query:
    """A library query by name (`clauses-citing-instrument`), else a .rq file by path."""
    for query in library():
        if query.name == name_or_file or query.path == name_or_file:
            return query
    path = Path(name_or_file)
    if path.suffix == SUFFIX or path.exists():
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"{path}: cannot read the query file: {getattr(exc, 'strerror', None) or exc}") from None
        return parse(text, path.stem, str(path))
    names = ", ".join(q.name for q in library())
    raise QueryError(f"{name_or_file}: no such library query or .rq file (library: {names})")


def bindings(query: Query, values: dict[str, str]) -> dict[ox.Variable, ox.Literal]:
    """The substitutions for `values` (strings as a user types them) plus the defaults of unset parameters."""
    unknown = sorted(set(values) - {p.name for p in query.params})
    if unknown:
        known = ", ".join(p.name for p in query.params) or "none"
        raise QueryError(f"{query.name}: unknown parameter {', '.join(unknown)} (parameters: {known})")
    terms = {}
    for param in query.params:
        value = values.get(param.name, param.default)
        if value is None:
            continue
        if param.is_integer:
            if not _INTEGER.fullmatch(value.strip()):
                raise QueryError(f"{query.name}: parameter {param.name} must be an integer, not {value!r}")
            terms[ox.Variable(param.name)] = ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD + "integer"))
        else:
            terms[ox.Variable(param.name)] = ox.Literal(value)
    return terms


def run(store: ox.Store, query: Query, values: dict[str, str] | None = None):
    """Run `query` on `store` (default graph = union of all graphs) with its parameters bound."""
    substitutions = bindings(query, values or {})
    try:
        return store.query(query.text, use_default_graph_as_union=True, substitutions=substitutions or None)
    except SyntaxError as exc:
        raise QueryError(f"{query.path or query.name}: SPARQL syntax error: {_one_line(exc)}") from None
    except (RuntimeError, ValueError, OSError) as exc:
        raise QueryError(f"{query.path or query.name}: {_one_line(exc)}") from None


def table(result) -> tuple[list[str], list[list]] | str:
    """SELECT results as (columns, rows of plain Python values); ASK and CONSTRUCT results as text.

    `pandas.DataFrame(rows, columns=columns)` turns the first form into a data frame.
    """
    try:
        if isinstance(result, ox.QueryBoolean):
            return ("true" if bool(result) else "false") + "\n"
        if isinstance(result, ox.QueryTriples):
            return ox.serialize(list(result), format=ox.RdfFormat.TURTLE).decode("utf-8")
        columns = [v.value for v in result.variables]
        rows = [[python_value(row[c]) for c in columns] for row in result]
    except (RuntimeError, ValueError, OSError) as exc:
        raise QueryError(f"query evaluation failed: {_one_line(exc)}") from None
    return columns, rows


_NUMBERS = {XSD + "integer": int, XSD + "decimal": float, XSD + "double": float, XSD + "float": float}


def python_value(term):
    """An RDF term as a plain value: IRIs and strings as text, numbers and booleans as such, None if unbound."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        kind = _NUMBERS.get(term.datatype.value)
        if kind:
            try:
                return kind(term.value)
            except ValueError:
                return term.value
        if term.datatype.value == XSD + "boolean":
            return term.value in ("true", "1")
    return term.value


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())
