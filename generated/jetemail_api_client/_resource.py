"""What the JetEmail clients and their resources share.

The generated api/__init__.py adds the resources and one method per operation, each a few lines that call
`_call` (or `await` it, on an async resource) here.
"""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Generic, ParamSpec, Protocol, Self, TypeVar, cast

import httpx

from .errors import APIStatusError, attempts_of, status_error
from .types import UNSET, Response, UndocumentedSuccess, Unset, given, status_code_of, with_options

if TYPE_CHECKING:
    from ._base_client import AuthenticatedClientBase
    from ._retries import RetryPolicy

P = ParamSpec("P")
T = TypeVar("T")
Model = TypeVar("Model")


class ResponseBuilder(Protocol[T]):
    """An operation module's _build_response: the Response (status, headers, body, parsed) of an httpx one."""

    def __call__(self, *, client: Any, response: httpx.Response) -> Response[T]: ...


def flat_body(model: type[Model], body: Model | Unset, fields: Mapping[str, Any], *, required: bool) -> Model | Unset:
    """The request body of a method that takes its fields as keyword arguments, or the model as body=.

    It raises TypeError for both at once, for a body of another type, or, naming it, for a required field that is
    missing.
    """
    passed = given(**fields)
    if isinstance(body, Unset) and (required or passed):
        missing = _missing_fields(model, passed)
        if missing:  # rather than attrs' "__init__() missing 1 required keyword-only argument"
            raise TypeError(f"{model.__name__} needs {', '.join(missing)}: pass {missing[0]}=... (or body=)")
        return model(**passed)
    if passed:
        raise TypeError("pass the body's fields or body=, not both")
    if not isinstance(body, (Unset, model)):
        raise TypeError(f"body must be a {model.__name__}, not {type(body).__name__}")
    return body


def _missing_fields(model: type, passed: Mapping[str, Any]) -> list[str]:
    """The required fields of an attrs model that were not passed."""
    import attrs  # loaded already: the model is an attrs class

    return [
        field.alias
        for field in attrs.fields(model)
        if field.init and field.default is attrs.NOTHING and field.alias not in passed
    ]


def raw_response(method: Callable[P, object]) -> Callable[P, Response[object]]:
    """A method of a resource built with raw=True, typed as what it returns: the whole Response, for any status.

    Its `parsed` is therefore whatever the status documents: narrow it with isinstance or a match.
    """
    return cast("Callable[P, Response[object]]", method)


def async_raw_response(method: Callable[P, Awaitable[object]]) -> Callable[P, Awaitable[Response[object]]]:
    """As raw_response, for an async method."""
    return cast("Callable[P, Awaitable[Response[object]]]", method)


class _Resource:
    """A group of operations (`client.outbound.smarthost`) and the client they send with.

    It also holds whether they return the whole Response (the with_raw_response view) or its parsed value.
    """

    __slots__ = ("_client", "_raw")

    def __init__(self, client: AuthenticatedClientBase, raw: bool = False) -> None:
        self._client, self._raw = client, raw

    def _result(self, response: httpx.Response, build: ResponseBuilder[Any]) -> Any:
        """What a method returns: the parsed success, or the whole Response in the with_raw_response view.

        Any status but 2xx raises the APIStatusError that names it, with the documented model as `parsed`; a 2xx
        the spec does not document is a success all the same (UndocumentedSuccess).
        """
        try:
            built = build(client=self._client, response=response)
        except APIStatusError as error:  # a status the operation does not document
            succeeded = 200 <= error.status_code < 300
            if not (succeeded or self._raw):
                raise
            parsed = (
                UndocumentedSuccess(response.status_code, response.headers, response.content) if succeeded else None
            )
            built = Response(status_code_of(response.status_code), response.content, response.headers, parsed)
        if self._raw:
            return built
        if not 200 <= response.status_code < 300:
            raise status_error(
                response.status_code,
                response.content,
                response.headers,
                attempts=attempts_of(response),
                parsed=built.parsed,
            )
        return built.parsed

    def _as_raw(self) -> Self:
        """The same resource on the same client, its methods returning the whole Response."""
        raw = object.__new__(type(self))
        _Resource.__init__(raw, self._client, raw=True)
        return raw


class SyncResource(_Resource):
    __slots__ = ()

    def _call(
        self,
        request: dict[str, Any],
        build: ResponseBuilder[T],
        *,
        timeout: float | httpx.Timeout | Unset | None = UNSET,
        extra_headers: Mapping[str, str] | None = None,
        retries: int | Unset = UNSET,
    ) -> Any:
        """Sends an operation's request with one call's options and returns what _result says.

        The method casts the result to its success types.
        """
        request = with_options(request, timeout=timeout, extra_headers=extra_headers, retries=retries)
        return self._result(self._client._send(request), build)


class AsyncResource(_Resource):
    __slots__ = ()

    async def _call(
        self,
        request: dict[str, Any],
        build: ResponseBuilder[T],
        *,
        timeout: float | httpx.Timeout | Unset | None = UNSET,
        extra_headers: Mapping[str, str] | None = None,
        retries: int | Unset = UNSET,
    ) -> Any:
        """As SyncResource._call, awaiting the response."""
        request = with_options(request, timeout=timeout, extra_headers=extra_headers, retries=retries)
        return self._result(await self._client._asend(request), build)


def _authenticated_client_class() -> type[AuthenticatedClientBase]:
    """The package's AuthenticatedClient, loaded when the first JetEmail client is built (it brings attrs)."""
    module = importlib.import_module(".client", __name__.rpartition(".")[0])
    return cast("type[AuthenticatedClientBase]", module.AuthenticatedClient)


HttpClient = TypeVar("HttpClient", httpx.Client, httpx.AsyncClient)


class _ClientRoot(_Resource, Generic[HttpClient]):
    """What both JetEmail clients share: how they are built and shown.

    `HttpClient` is the httpx client class the client sends with (and so the class an http_client= must be).
    """

    __slots__ = ("__weakref__",)
    _http_client_class: ClassVar[type[httpx.Client] | type[httpx.AsyncClient]]

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout | Unset | None = UNSET,
        retries: int | RetryPolicy | Unset = UNSET,
        deadline: float | Unset | None = UNSET,
        max_response_bytes: int | Unset = UNSET,
        http_client: HttpClient | None = None,
    ) -> None:
        settings = given(timeout=timeout, retries=retries, deadline=deadline, max_response_bytes=max_response_bytes)
        client = _authenticated_client_class().for_resources(
            api_key=api_key,
            base_url=base_url,
            settings=settings,
            http_client=http_client,
            http_client_class=self._http_client_class,
        )
        super().__init__(client)

    def __repr__(self) -> str:
        from ._base_client import safe_url

        return f"{type(self).__name__}(base_url={safe_url(self._client._base_url)!r})"


class SyncClientRoot(_ClientRoot[httpx.Client], SyncResource):
    """The JetEmail client: `client.<resource>.<method>(...)`, one method per operation of the spec.

    Keyword-only arguments, each defaulting as the README says:
        api_key: the API key; else $JETEMAIL_API_KEY (MissingApiKey when neither is set).
        base_url: else $JETEMAIL_BASE_URL, else the spec's server.
        timeout: seconds (each of connect, read, write, pool wait) or an httpx.Timeout (5 s to connect, 30 s
            for the rest); None disables it.
        retries: retries of idempotent calls on connection errors, 429, 502, 503 and 504 (2; 0 disables), or
            a RetryPolicy.
        deadline: the most seconds one attempt may take in all (60; None disables).
        max_response_bytes: the largest body read (10 MiB; ResponseTooLarge past it).
        http_client: an httpx.Client you own and close. Every call still goes through the SDK: its key,
            User-Agent, retries, deadline, body cap and redirect rules apply, and its base URL when yours has
            none; closing this client leaves yours open.
    """

    __slots__ = ()
    _http_client_class = httpx.Client

    def close(self) -> None:
        """Closes the SDK's connections, and this client: later calls raise ClientClosed.

        An http_client you passed is left open (closing it is yours). Closing twice does nothing more.
        """
        self._client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *args: object) -> None:
        self.close()


class AsyncClientRoot(_ClientRoot[httpx.AsyncClient], AsyncResource):
    """The async JetEmail client: `await client.<resource>.<method>(...)`.

    Its arguments are JetEmail's, with an httpx.AsyncClient as http_client.
    """

    __slots__ = ()
    _http_client_class = httpx.AsyncClient

    async def aclose(self) -> None:
        """Closes the SDK's connections, and this client: later calls raise ClientClosed.

        An http_client you passed is left open (closing it is yours). Closing twice does nothing more.
        """
        await self._client.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *args: object) -> None:
        await self.aclose()
