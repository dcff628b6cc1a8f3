"""Where each operation goes in the resource-style clients (JetEmail, AsyncJetEmail): the one rule, in one place.

    DELETE /outbound/smarthost                 -> client.outbound.smarthost.delete(...)
    GET /domains, POST /domains                -> client.domains.list(...), client.domains.create(...)
    GET|PATCH|DELETE /domains/{domain_id}      -> client.domains.get|update|delete(domain_id=...)
    PUT /domains/{domain_id}                   -> client.domains.update(...), or .replace(...) beside a PATCH
    POST /domains/{domain_id}/verify           -> client.domains.verify(domain_id=...)   (an action)
    GET /emails/{email_id}/attachments         -> client.emails.attachments.list(email_id=...)

- The resources are the path's literal segments, as Python names (`api-keys` -> `api_keys`); parameters are
  keyword arguments, never attributes.
- The method comes from the HTTP method and whether the path ends in a parameter (an item) or a literal (a
  collection): GET lists a collection and gets an item; POST creates; PATCH updates; PUT updates, or replaces
  when the path has a PATCH too; DELETE deletes; any other method keeps its name (`head`, `options`, `trace`).
- An action: a literal after a parameter, last in a path that has only a POST, is a method of that name on
  the parent resource (`verify`, `cancel`, `publish`).
- Collisions fall back to the operation's module name (what the module functions are called), then to that
  name with its tag: two operations on the same resource and method name, or a method named like a
  sub-resource. A name the clients reserve gets a trailing "_". What still collides stops the generation.

scripts/generate.py renders the layout into the templates (spec_values.jinja); the tests read it from here.
"""

from __future__ import annotations

import keyword
import re
from collections import Counter
from dataclasses import dataclass

from scripts import generator_view

# Attributes of the clients themselves: a resource or method of one of these names gets a trailing "_".
RESERVED = frozenset({"close", "aclose", "with_raw_response"})
# Keyword arguments every method has: a body is passed as fields only when none of them is named like these.
OPTIONS = frozenset({"self", "body", "timeout", "extra_headers", "retries"})
_ITEM_METHODS = {"GET": "get", "POST": "create", "PATCH": "update", "DELETE": "delete"}
_COLLECTION_METHODS = {**_ITEM_METHODS, "GET": "list"}


@dataclass(frozen=True)
class Placement:
    """An operation's place: `client.<chain...>.<method>(...)`; `key` is the template's key (tag/module)."""

    key: str
    chain: tuple[str, ...]
    method: str
    flat_body: bool  # the JSON body's fields are keyword arguments (a model as body= works too)


def python_name(segment: str) -> str:
    """A path segment as an attribute name: snake case, a keyword or digit-first name made safe."""
    name = re.sub(r"[^0-9a-zA-Z]+", "_", re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", segment)).strip("_").lower()
    if not name or name[0].isdigit():
        name = f"r_{name}"
    return f"{name}_" if keyword.iskeyword(name) or name in RESERVED else name


def _first_guess(endpoint: generator_view.Endpoint, methods_on_path: set[str]) -> tuple[tuple[str, ...], str]:
    segments = [segment for segment in endpoint.path.split("/") if segment]
    literals = tuple(python_name(segment) for segment in segments if not segment.startswith("{"))
    item = bool(segments) and segments[-1].startswith("{")
    if len(segments) >= 2 and not item and segments[-2].startswith("{") and methods_on_path == {"POST"}:
        return literals[:-1], literals[-1]
    if endpoint.method == "PUT":
        return literals, "replace" if "PATCH" in methods_on_path else "update"
    names = _ITEM_METHODS if item else _COLLECTION_METHODS
    return literals, names.get(endpoint.method, python_name(endpoint.method.lower()))


def _flat_body(endpoint: generator_view.Endpoint, models: dict[str, generator_view.Model]) -> bool:
    """One JSON body of a model with fields, none of them named like a parameter or an option."""
    if len(endpoint.bodies) != 1:
        return False
    body = endpoint.bodies[0]
    model = models.get(body.type.class_name or "") if body.kind == "json" and body.type.kind == "model" else None
    if model is None or not model.fields:
        return False
    taken = OPTIONS | {param.python_name for param in endpoint.params}
    return not taken & set(model.fields.values())


def layout(view: generator_view.View) -> list[Placement]:
    """Every operation's place, in the view's order."""
    methods_by_path: dict[str, set[str]] = {}
    for endpoint in view.endpoints:
        methods_by_path.setdefault(endpoint.path, set()).add(endpoint.method)
    places = [_first_guess(endpoint, methods_by_path[endpoint.path]) for endpoint in view.endpoints]
    sub_resources = {(chain[:depth], chain[depth]) for chain, _ in places for depth in range(len(chain))}
    for qualified in (False, True):  # the module function's name, then the same with its tag
        taken = Counter(places)
        places = [
            (place[0], _fallback(endpoint, qualified)) if taken[place] > 1 or place in sub_resources else place
            for endpoint, place in zip(view.endpoints, places, strict=True)
        ]
    clashes = sorted(f"{'.'.join((*chain, method))}" for (chain, method), count in Counter(places).items() if count > 1)
    clashes += sorted(".".join((*chain, method)) for chain, method in set(places) & sub_resources)
    if clashes:
        raise SystemExit(
            f"the clients cannot place every operation: {', '.join(clashes)} taken twice; rename an operationId"
        )
    return [
        Placement(f"{endpoint.tag}/{endpoint.name}", chain, method, _flat_body(endpoint, view.models))
        for endpoint, (chain, method) in zip(view.endpoints, places, strict=True)
    ]


def _fallback(endpoint: generator_view.Endpoint, qualified: bool) -> str:
    return python_name(f"{endpoint.tag}_{endpoint.name}" if qualified else endpoint.name)


def resource_chains(placements: list[Placement]) -> list[tuple[str, ...]]:
    """Every resource, the root () first, parents before their children."""
    chains = {placement.chain[:depth] for placement in placements for depth in range(len(placement.chain) + 1)}
    return sorted(chains | {()}, key=lambda chain: (len(chain), chain))
