"""The naming policy: every model a request body or response defines inline gets a readable class name.

Rule, computed from the spec (docs/pipeline.md, "Model names"):

    <operation name><role><rest of the generator's name>

- operation name: the PascalCased operationId, else the summary, else method and path; the first of these
  that no other class uses (e.g. "Delete SMTP user" -> DeleteSmtpUser).
- role: `Request` for a request body (`JsonRequest`, `FormRequest`, ... when it has several content types);
  for a response, the status's reason phrase (`Ok`, `NotFound`, `TooManyRequests`, `ServerError` for 500),
  `Success`, `ClientError`, ... for a range such as 2XX, and `Default` for `default`.
- rest: what the generator appends for a schema nested in a list or union (`Item`, `Type0`, ...).

So no class is named after the generator's `...Response200...` / `...Body`, and models defined in
components keep their own names. A name, once given, is kept across updates for as long as its operation
(method and path), role and rest exist, even when the operationId or summary changes; a removed or renamed
class shows up as breaking in the API diff. The result is written into generator-config.yaml as
`class_overrides`, keyed by the name the generator would use on its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import Any

from scripts import generator_view
from scripts.generator_view import ConfigFile, Endpoint, View

JSON = dict[str, Any]
# The phrases Python's http module changed between versions (RFC 9110 names), and 500's short form: names
# must not depend on the interpreter that runs the pipeline.
PHRASES = {
    413: "Content Too Large",
    414: "URI Too Long",
    416: "Range Not Satisfiable",
    422: "Unprocessable Content",
    500: "Server Error",
}
RANGES = {"1": "Informational", "2": "Success", "3": "Redirection", "4": "Client Error", "5": "Any Server Error"}
BODY_ROLES = {"json": "Json", "form": "Form", "multipart": "Multipart", "raw": "Raw"}


@dataclass(frozen=True, order=True)
class Identity:
    """What a name belongs to, independent of the names themselves: stable while the API stays."""

    operation: str  # "DELETE /outbound/smarthost"
    role: str  # "request json", "request multipart", "response 200", "response 2XX", "response default"
    rest: str  # "", "Item", "Type0", ...


@dataclass(frozen=True)
class Root:
    identity: Identity
    default: str  # the generator's own class name
    role_word: str  # "Ok", "Request", ...


def words(text: str) -> list[str]:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+", ascii_text)


def pascal(text: str) -> str:
    return "".join(word.capitalize() for word in words(text))


def reason(pattern: str) -> str:
    """The role word of a response: its status's reason phrase, PascalCased."""
    if pattern == "default":
        return "Default"
    if pattern.upper().endswith("XX"):
        return pascal(RANGES.get(pattern[0], f"Status {pattern}"))
    code = int(pattern)
    known = code in HTTPStatus._value2member_map_
    return pascal(PHRASES.get(code) or (HTTPStatus(code).phrase if known else f"Status {code}"))


def _roots(endpoint: Endpoint, components: set[str]) -> list[Root]:
    """The classes an endpoint's bodies and responses define inline (not via components)."""
    own = generator_view.pascal_case(endpoint.name)
    found: list[Root] = []
    several = len(endpoint.bodies) > 1
    for body in endpoint.bodies:
        # The JSON body (or the only one) is the `Request`; a second content type must not rename it.
        word = "Request" if body.kind == "json" or not several else f"{BODY_ROLES[body.kind]}Request"
        prefix = generator_view.default_body_class(endpoint, body)
        found += _rooted(endpoint, body.type.classes(), components, prefix, own, f"request {body.kind}", word)
    for reply in endpoint.replies:
        prefix = generator_view.default_reply_class(endpoint, reply)
        found += _rooted(
            endpoint, reply.type.classes(), components, prefix, own, f"response {reply.pattern}", reason(reply.pattern)
        )
    return found


def _rooted(
    endpoint: Endpoint, classes: list[str], components: set[str], prefix: str, own: str, role: str, word: str
) -> list[Root]:
    roots = []
    for name in dict.fromkeys(classes):
        if name in components:
            continue
        rest = name[len(prefix) :] if name.startswith(prefix) else name[len(own) :] if name.startswith(own) else name
        roots.append(Root(Identity(f"{endpoint.method} {endpoint.path}", role, rest), name, word))
    return roots


def _candidates(endpoint: Endpoint) -> list[str]:
    """Operation names in order of preference; each a valid class-name start."""
    route = " ".join([endpoint.method.lower(), *re.findall(r"[A-Za-z0-9]+", endpoint.path)])
    found = [pascal(text) for text in (endpoint.operation_id or "", endpoint.summary, route)]
    unique = [name for name in dict.fromkeys(found) if name and not name[0].isdigit()]
    return unique + [f"{unique[-1]}{n}" for n in range(2, 100)]


def names(view: View, components: set[str], kept: dict[Identity, str]) -> dict[str, str]:
    """The generator's default class name -> the policy's name, keeping the names in `kept`."""
    roots = {endpoint: _roots(endpoint, components) for endpoint in view.endpoints}
    defaults = {root.default for endpoint_roots in roots.values() for root in endpoint_roots}
    taken = set(components) | ((set(view.models) | set(view.enums)) - defaults)  # e.g. a parameter's enum
    chosen: dict[str, str] = {}
    bases: dict[Endpoint, str] = {}
    for endpoint, endpoint_roots in roots.items():
        for root in endpoint_roots:
            name = kept.get(root.identity)
            if name and name not in taken:
                chosen[root.default] = name
                taken.add(name)
        derived = Counter(
            chosen[root.default][: -len(root.role_word + root.identity.rest)]
            for root in endpoint_roots
            if root.default in chosen and chosen[root.default].endswith(root.role_word + root.identity.rest)
        )
        if derived:
            bases[endpoint] = derived.most_common(1)[0][0]
    for endpoint, endpoint_roots in roots.items():
        new = [root for root in endpoint_roots if root.default not in chosen]
        if not new:
            continue
        options = ([bases[endpoint]] if endpoint in bases else []) + _candidates(endpoint)
        for base in options:
            proposal = {root.default: f"{base}{root.role_word}{root.identity.rest}" for root in new}
            if not (set(proposal.values()) & taken) and len(set(proposal.values())) == len(proposal):
                break
        else:
            raise SystemExit(f"the naming policy found no free class name for {endpoint.method} {endpoint.path}")
        chosen.update(proposal)
        taken |= set(proposal.values())
    return {default: name for default, name in sorted(chosen.items()) if default != name}


def misnamed(view: View, components: set[str], overrides: dict[str, str]) -> list[str]:
    """Overrides that do not have the rule's shape: an operation name, then the role word and the rest."""
    problems = []
    for endpoint in view.endpoints:
        for root in _roots(endpoint, components):
            name = overrides.get(root.default)
            tail = root.role_word + root.identity.rest
            if name is None or not name.endswith(tail) or not re.fullmatch(r"[A-Z][A-Za-z0-9]*", name[: -len(tail)]):
                problems.append(f"{root.default} -> {name} (expected <OperationName>{tail})")
    return problems


def identities(view: View, components: set[str], overrides: dict[str, str]) -> dict[Identity, str]:
    """Which name each identity has under `overrides` (default name -> name): the history to keep."""
    return {
        root.identity: overrides.get(root.default, root.default)
        for endpoint in view.endpoints
        for root in _roots(endpoint, components)
    }


def component_classes(spec: JSON, config: ConfigFile, source: Path) -> set[str]:
    """Class names the spec's components define: never renamed."""
    bare = generator_view.view({**spec, "paths": {}}, generator_view.with_class_overrides(config, {}), source)
    return set(bare.models) | set(bare.enums)


def policy(spec: JSON, config: ConfigFile, source: Path, previous: tuple[JSON, ConfigFile] | None) -> dict[str, str]:
    """class_overrides for `spec` (default name -> name); `previous` is the (spec, config) whose names to keep."""
    kept: dict[Identity, str] = {}
    if previous is not None:
        old_spec, old_config = previous
        old_overrides = generator_view.class_overrides(old_config)
        old_view = generator_view.view(old_spec, generator_view.with_class_overrides(old_config, {}), source)
        kept = identities(old_view, component_classes(old_spec, old_config, source), old_overrides)
    bare = generator_view.with_class_overrides(config, {})
    return names(generator_view.view(spec, bare, source), component_classes(spec, config, source), kept)
