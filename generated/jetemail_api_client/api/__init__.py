"""Contains methods for accessing the API"""

from __future__ import annotations

import typing
import typing as _typing
from collections.abc import Mapping

import httpx

from ..types import UNSET, LazyModule, Response, Unset
from ..types import given as _given
from ..types import with_options as _with_options

__all__ = ["AsyncJetEmail", "JetEmail"]


if typing.TYPE_CHECKING:
    from httpx_retries import Retry

    from ..client import AuthenticatedClient  # loaded when a client is built: it brings attrs
    from ..models import delete_smtp_user_request as _model_delete_smtp_user_request
    from ..models.delete_smtp_user_bad_request import DeleteSmtpUserBadRequest
    from ..models.delete_smtp_user_not_found import DeleteSmtpUserNotFound
    from ..models.delete_smtp_user_ok import DeleteSmtpUserOk
    from ..models.delete_smtp_user_request import DeleteSmtpUserRequest
    from ..models.delete_smtp_user_server_error import DeleteSmtpUserServerError
    from ..models.delete_smtp_user_unauthorized import DeleteSmtpUserUnauthorized
    from .outbound import delete_outbound_smarthost as _outbound_delete_outbound_smarthost
else:  # the same modules, each imported when a method first reads from it (an import statement a call costs µs)
    _model_delete_smtp_user_request = LazyModule("..models.delete_smtp_user_request", __name__)
    _outbound_delete_outbound_smarthost = LazyModule(".outbound.delete_outbound_smarthost", __name__)


class OutboundSmarthostResource:
    """`outbound.smarthost`: methods for DELETE /outbound/smarthost."""

    __slots__ = ("_client",)

    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    @_typing.overload
    def delete(
        self,
        *,
        username: str,
        timeout: float | httpx.Timeout | None | Unset = UNSET,
        extra_headers: Mapping[str, str] | None = None,
        retries: int | Unset = UNSET,
    ) -> (
        DeleteSmtpUserBadRequest
        | DeleteSmtpUserNotFound
        | DeleteSmtpUserOk
        | DeleteSmtpUserServerError
        | DeleteSmtpUserUnauthorized
    ): ...

    @_typing.overload
    def delete(
        self,
        *,
        body: DeleteSmtpUserRequest,
        timeout: float | httpx.Timeout | None | Unset = UNSET,
        extra_headers: Mapping[str, str] | None = None,
        retries: int | Unset = UNSET,
    ) -> (
        DeleteSmtpUserBadRequest
        | DeleteSmtpUserNotFound
        | DeleteSmtpUserOk
        | DeleteSmtpUserServerError
        | DeleteSmtpUserUnauthorized
    ): ...

    def delete(
        self,
        *,
        username: str | Unset = UNSET,
        body: DeleteSmtpUserRequest | Unset = UNSET,
        timeout: float | httpx.Timeout | None | Unset = UNSET,
        extra_headers: Mapping[str, str] | None = None,
        retries: int | Unset = UNSET,
    ) -> (
        DeleteSmtpUserBadRequest
        | DeleteSmtpUserNotFound
        | DeleteSmtpUserOk
        | DeleteSmtpUserServerError
        | DeleteSmtpUserUnauthorized
    ):
        """Delete SMTP user

        Deletes an SMTP user

        Args:
            username (str): SMTP username to delete Example: smtp-user1.
            body (DeleteSmtpUserRequest): the request body as a model,
                instead of its fields.
            timeout: this call's timeout, instead of the client's (seconds, an httpx.Timeout, or None for none).
            extra_headers: headers to add to this call's request (they replace any of the same name).
            retries: this call's number of retries, instead of the client's.

        Raises:
            errors.UnexpectedStatus: A status this operation does not document.
            errors.MalformedResponse: A documented status whose body does not fit its schema; ResponseTooLarge past
                the client's max_response_bytes.
            errors.RequestTimeout: No answer within the timeout for one read, or the deadline for one attempt.
            errors.TransportError: No response: the connection failed or broke.
            errors.RetryAfterTooLong: A retryable status asking to wait longer than the SDK sleeps.
            errors.SchemaViolation: A value that cannot be sent, refused before anything is sent.
            errors.ClientClosed: The client was closed.
            TypeError: Both the body's fields and body=, or a required field missing.

        Returns:
            DeleteSmtpUserBadRequest | DeleteSmtpUserNotFound | DeleteSmtpUserOk | DeleteSmtpUserServerError | DeleteSmtpUserUnauthorized: the parsed response, one model per documented status
        """

        _fields = _given(
            username=username,
        )
        if isinstance(body, Unset):
            body = _model_delete_smtp_user_request.DeleteSmtpUserRequest(**_fields)
        elif _fields:
            raise TypeError("pass the body's fields or body=, not both")
        elif not isinstance(body, _model_delete_smtp_user_request.DeleteSmtpUserRequest):
            raise TypeError(f"body must be a DeleteSmtpUserRequest, not {type(body).__name__}")
        _request = _with_options(
            _outbound_delete_outbound_smarthost._get_kwargs(
                **_given(
                    body=body,
                )
            ),
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
        )
        _response = self._client._send(_request)
        return _typing.cast(
            "DeleteSmtpUserBadRequest | DeleteSmtpUserNotFound | DeleteSmtpUserOk | DeleteSmtpUserServerError | DeleteSmtpUserUnauthorized",
            _outbound_delete_outbound_smarthost._build_response(client=self._client, response=_response).parsed,
        )


class OutboundResource:
    """`outbound`: methods for resources smarthost."""

    __slots__ = ("_client",)

    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    @property
    def smarthost(self) -> OutboundSmarthostResource:
        return OutboundSmarthostResource(self._client)


class JetEmail:
    """The JetEmail client: `client.<resource>.<method>(...)`, one method per operation of the spec.

    Keyword-only arguments, each defaulting as the README says:
        api_key: the API key; else $JETEMAIL_API_KEY (MissingApiKey when neither is set).
        base_url: else $JETEMAIL_BASE_URL, else the spec's server.
        timeout: seconds (each of connect, read, write, pool wait) or an httpx.Timeout (5 s to connect, 30 s
            for the rest); None disables it.
        retries: retries of idempotent calls on connection errors, 429, 502, 503 and 504 (2; 0 disables).
        deadline: the most seconds one attempt may take in all (60; None disables).
        max_response_bytes: the largest body read (10 MiB; ResponseTooLarge past it).
        http_client: an httpx.Client you own and close. The SDK's key, User-Agent and body cap
            apply to each request, and its base URL when yours has none; its retries, deadline and redirect rules
            do not (they live in the transport the SDK builds); closing this client leaves yours open.
    """

    __slots__ = ("__weakref__", "_client")

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout | None | Unset = UNSET,
        retries: int | Retry | Unset = UNSET,
        deadline: float | None | Unset = UNSET,
        max_response_bytes: int | Unset = UNSET,
        http_client: httpx.Client | None = None,
    ) -> None:
        from ..client import authenticated_client

        self._client = authenticated_client(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            retries=retries,
            deadline=deadline,
            max_response_bytes=max_response_bytes,
            http_client=http_client,
            http_client_class=httpx.Client,
        )

    def __repr__(self) -> str:
        from ..client import safe_url

        return f"{type(self).__name__}(base_url={safe_url(self._client._base_url)!r})"

    @property
    def with_raw_response(self) -> JetEmailWithRawResponse:
        """The same methods, each returning the whole Response (status, headers, body, parsed)."""
        return JetEmailWithRawResponse(self._client)

    def close(self) -> None:
        """Closes the SDK's connections, and this client: later calls raise ClientClosed. An http_client you
        passed is left open (closing it is yours). Closing twice does nothing more."""
        self._client.close()

    def __enter__(self) -> _typing.Self:
        return self

    def __exit__(self, *args: object) -> None:
        self.close()

    @property
    def outbound(self) -> OutboundResource:
        return OutboundResource(self._client)


class OutboundSmarthostResourceWithRawResponse:
    """`outbound.smarthost`: methods returning the whole Response for DELETE /outbound/smarthost."""

    __slots__ = ("_client",)

    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    @_typing.overload
    def delete(
        self,
        *,
        username: str,
        timeout: float | httpx.Timeout | None | Unset = UNSET,
        extra_headers: Mapping[str, str] | None = None,
        retries: int | Unset = UNSET,
    ) -> Response[
        DeleteSmtpUserBadRequest
        | DeleteSmtpUserNotFound
        | DeleteSmtpUserOk
        | DeleteSmtpUserServerError
        | DeleteSmtpUserUnauthorized
    ]: ...

    @_typing.overload
    def delete(
        self,
        *,
        body: DeleteSmtpUserRequest,
        timeout: float | httpx.Timeout | None | Unset = UNSET,
        extra_headers: Mapping[str, str] | None = None,
        retries: int | Unset = UNSET,
    ) -> Response[
        DeleteSmtpUserBadRequest
        | DeleteSmtpUserNotFound
        | DeleteSmtpUserOk
        | DeleteSmtpUserServerError
        | DeleteSmtpUserUnauthorized
    ]: ...

    def delete(
        self,
        *,
        username: str | Unset = UNSET,
        body: DeleteSmtpUserRequest | Unset = UNSET,
        timeout: float | httpx.Timeout | None | Unset = UNSET,
        extra_headers: Mapping[str, str] | None = None,
        retries: int | Unset = UNSET,
    ) -> Response[
        DeleteSmtpUserBadRequest
        | DeleteSmtpUserNotFound
        | DeleteSmtpUserOk
        | DeleteSmtpUserServerError
        | DeleteSmtpUserUnauthorized
    ]:
        """Delete SMTP user

        Deletes an SMTP user

        Args:
            username (str): SMTP username to delete Example: smtp-user1.
            body (DeleteSmtpUserRequest): the request body as a model,
                instead of its fields.
            timeout: this call's timeout, instead of the client's (seconds, an httpx.Timeout, or None for none).
            extra_headers: headers to add to this call's request (they replace any of the same name).
            retries: this call's number of retries, instead of the client's.

        Raises:
            errors.UnexpectedStatus: A status this operation does not document.
            errors.MalformedResponse: A documented status whose body does not fit its schema; ResponseTooLarge past
                the client's max_response_bytes.
            errors.RequestTimeout: No answer within the timeout for one read, or the deadline for one attempt.
            errors.TransportError: No response: the connection failed or broke.
            errors.RetryAfterTooLong: A retryable status asking to wait longer than the SDK sleeps.
            errors.SchemaViolation: A value that cannot be sent, refused before anything is sent.
            errors.ClientClosed: The client was closed.
            TypeError: Both the body's fields and body=, or a required field missing.

        Returns:
            Response[DeleteSmtpUserBadRequest | DeleteSmtpUserNotFound | DeleteSmtpUserOk | DeleteSmtpUserServerError | DeleteSmtpUserUnauthorized]: the status, headers, body and the parsed value.
        """

        _fields = _given(
            username=username,
        )
        if isinstance(body, Unset):
            body = _model_delete_smtp_user_request.DeleteSmtpUserRequest(**_fields)
        elif _fields:
            raise TypeError("pass the body's fields or body=, not both")
        elif not isinstance(body, _model_delete_smtp_user_request.DeleteSmtpUserRequest):
            raise TypeError(f"body must be a DeleteSmtpUserRequest, not {type(body).__name__}")
        _request = _with_options(
            _outbound_delete_outbound_smarthost._get_kwargs(
                **_given(
                    body=body,
                )
            ),
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
        )
        _response = self._client._send(_request)
        return _outbound_delete_outbound_smarthost._build_response(client=self._client, response=_response)


class OutboundResourceWithRawResponse:
    """`outbound`: methods returning the whole Response for resources smarthost."""

    __slots__ = ("_client",)

    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    @property
    def smarthost(self) -> OutboundSmarthostResourceWithRawResponse:
        return OutboundSmarthostResourceWithRawResponse(self._client)


class JetEmailWithRawResponse:
    """As JetEmail, each method returning the whole Response (status, headers, body, parsed)."""

    __slots__ = ("_client",)

    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    @property
    def outbound(self) -> OutboundResourceWithRawResponse:
        return OutboundResourceWithRawResponse(self._client)


class AsyncOutboundSmarthostResource:
    """`outbound.smarthost`: async methods for DELETE /outbound/smarthost."""

    __slots__ = ("_client",)

    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    @_typing.overload
    async def delete(
        self,
        *,
        username: str,
        timeout: float | httpx.Timeout | None | Unset = UNSET,
        extra_headers: Mapping[str, str] | None = None,
        retries: int | Unset = UNSET,
    ) -> (
        DeleteSmtpUserBadRequest
        | DeleteSmtpUserNotFound
        | DeleteSmtpUserOk
        | DeleteSmtpUserServerError
        | DeleteSmtpUserUnauthorized
    ): ...

    @_typing.overload
    async def delete(
        self,
        *,
        body: DeleteSmtpUserRequest,
        timeout: float | httpx.Timeout | None | Unset = UNSET,
        extra_headers: Mapping[str, str] | None = None,
        retries: int | Unset = UNSET,
    ) -> (
        DeleteSmtpUserBadRequest
        | DeleteSmtpUserNotFound
        | DeleteSmtpUserOk
        | DeleteSmtpUserServerError
        | DeleteSmtpUserUnauthorized
    ): ...

    async def delete(
        self,
        *,
        username: str | Unset = UNSET,
        body: DeleteSmtpUserRequest | Unset = UNSET,
        timeout: float | httpx.Timeout | None | Unset = UNSET,
        extra_headers: Mapping[str, str] | None = None,
        retries: int | Unset = UNSET,
    ) -> (
        DeleteSmtpUserBadRequest
        | DeleteSmtpUserNotFound
        | DeleteSmtpUserOk
        | DeleteSmtpUserServerError
        | DeleteSmtpUserUnauthorized
    ):
        """Delete SMTP user

        Deletes an SMTP user

        Args:
            username (str): SMTP username to delete Example: smtp-user1.
            body (DeleteSmtpUserRequest): the request body as a model,
                instead of its fields.
            timeout: this call's timeout, instead of the client's (seconds, an httpx.Timeout, or None for none).
            extra_headers: headers to add to this call's request (they replace any of the same name).
            retries: this call's number of retries, instead of the client's.

        Raises:
            errors.UnexpectedStatus: A status this operation does not document.
            errors.MalformedResponse: A documented status whose body does not fit its schema; ResponseTooLarge past
                the client's max_response_bytes.
            errors.RequestTimeout: No answer within the timeout for one read, or the deadline for one attempt.
            errors.TransportError: No response: the connection failed or broke.
            errors.RetryAfterTooLong: A retryable status asking to wait longer than the SDK sleeps.
            errors.SchemaViolation: A value that cannot be sent, refused before anything is sent.
            errors.ClientClosed: The client was closed.
            TypeError: Both the body's fields and body=, or a required field missing.

        Returns:
            DeleteSmtpUserBadRequest | DeleteSmtpUserNotFound | DeleteSmtpUserOk | DeleteSmtpUserServerError | DeleteSmtpUserUnauthorized: the parsed response, one model per documented status
        """

        _fields = _given(
            username=username,
        )
        if isinstance(body, Unset):
            body = _model_delete_smtp_user_request.DeleteSmtpUserRequest(**_fields)
        elif _fields:
            raise TypeError("pass the body's fields or body=, not both")
        elif not isinstance(body, _model_delete_smtp_user_request.DeleteSmtpUserRequest):
            raise TypeError(f"body must be a DeleteSmtpUserRequest, not {type(body).__name__}")
        _request = _with_options(
            _outbound_delete_outbound_smarthost._get_kwargs(
                **_given(
                    body=body,
                )
            ),
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
        )
        _response = await self._client._asend(_request)
        return _typing.cast(
            "DeleteSmtpUserBadRequest | DeleteSmtpUserNotFound | DeleteSmtpUserOk | DeleteSmtpUserServerError | DeleteSmtpUserUnauthorized",
            _outbound_delete_outbound_smarthost._build_response(client=self._client, response=_response).parsed,
        )


class AsyncOutboundResource:
    """`outbound`: async methods for resources smarthost."""

    __slots__ = ("_client",)

    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    @property
    def smarthost(self) -> AsyncOutboundSmarthostResource:
        return AsyncOutboundSmarthostResource(self._client)


class AsyncJetEmail:
    """The async JetEmail client: `client.<resource>.<method>(...)`, one method per operation of the spec.

    Keyword-only arguments, each defaulting as the README says:
        api_key: the API key; else $JETEMAIL_API_KEY (MissingApiKey when neither is set).
        base_url: else $JETEMAIL_BASE_URL, else the spec's server.
        timeout: seconds (each of connect, read, write, pool wait) or an httpx.Timeout (5 s to connect, 30 s
            for the rest); None disables it.
        retries: retries of idempotent calls on connection errors, 429, 502, 503 and 504 (2; 0 disables).
        deadline: the most seconds one attempt may take in all (60; None disables).
        max_response_bytes: the largest body read (10 MiB; ResponseTooLarge past it).
        http_client: an httpx.AsyncClient you own and close. The SDK's key, User-Agent and body cap
            apply to each request, and its base URL when yours has none; its retries, deadline and redirect rules
            do not (they live in the transport the SDK builds); closing this client leaves yours open.
    """

    __slots__ = ("__weakref__", "_client")

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout | None | Unset = UNSET,
        retries: int | Retry | Unset = UNSET,
        deadline: float | None | Unset = UNSET,
        max_response_bytes: int | Unset = UNSET,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        from ..client import authenticated_client

        self._client = authenticated_client(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            retries=retries,
            deadline=deadline,
            max_response_bytes=max_response_bytes,
            http_client=http_client,
            http_client_class=httpx.AsyncClient,
        )

    def __repr__(self) -> str:
        from ..client import safe_url

        return f"{type(self).__name__}(base_url={safe_url(self._client._base_url)!r})"

    @property
    def with_raw_response(self) -> AsyncJetEmailWithRawResponse:
        """The same methods, each returning the whole Response (status, headers, body, parsed)."""
        return AsyncJetEmailWithRawResponse(self._client)

    async def aclose(self) -> None:
        """Closes the SDK's connections, and this client: later calls raise ClientClosed. An http_client you
        passed is left open (closing it is yours). Closing twice does nothing more."""
        await self._client.aclose()

    async def __aenter__(self) -> _typing.Self:
        return self

    async def __aexit__(self, *args: object) -> None:
        await self.aclose()

    @property
    def outbound(self) -> AsyncOutboundResource:
        return AsyncOutboundResource(self._client)


class AsyncOutboundSmarthostResourceWithRawResponse:
    """`outbound.smarthost`: async methods returning the whole Response for DELETE /outbound/smarthost."""

    __slots__ = ("_client",)

    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    @_typing.overload
    async def delete(
        self,
        *,
        username: str,
        timeout: float | httpx.Timeout | None | Unset = UNSET,
        extra_headers: Mapping[str, str] | None = None,
        retries: int | Unset = UNSET,
    ) -> Response[
        DeleteSmtpUserBadRequest
        | DeleteSmtpUserNotFound
        | DeleteSmtpUserOk
        | DeleteSmtpUserServerError
        | DeleteSmtpUserUnauthorized
    ]: ...

    @_typing.overload
    async def delete(
        self,
        *,
        body: DeleteSmtpUserRequest,
        timeout: float | httpx.Timeout | None | Unset = UNSET,
        extra_headers: Mapping[str, str] | None = None,
        retries: int | Unset = UNSET,
    ) -> Response[
        DeleteSmtpUserBadRequest
        | DeleteSmtpUserNotFound
        | DeleteSmtpUserOk
        | DeleteSmtpUserServerError
        | DeleteSmtpUserUnauthorized
    ]: ...

    async def delete(
        self,
        *,
        username: str | Unset = UNSET,
        body: DeleteSmtpUserRequest | Unset = UNSET,
        timeout: float | httpx.Timeout | None | Unset = UNSET,
        extra_headers: Mapping[str, str] | None = None,
        retries: int | Unset = UNSET,
    ) -> Response[
        DeleteSmtpUserBadRequest
        | DeleteSmtpUserNotFound
        | DeleteSmtpUserOk
        | DeleteSmtpUserServerError
        | DeleteSmtpUserUnauthorized
    ]:
        """Delete SMTP user

        Deletes an SMTP user

        Args:
            username (str): SMTP username to delete Example: smtp-user1.
            body (DeleteSmtpUserRequest): the request body as a model,
                instead of its fields.
            timeout: this call's timeout, instead of the client's (seconds, an httpx.Timeout, or None for none).
            extra_headers: headers to add to this call's request (they replace any of the same name).
            retries: this call's number of retries, instead of the client's.

        Raises:
            errors.UnexpectedStatus: A status this operation does not document.
            errors.MalformedResponse: A documented status whose body does not fit its schema; ResponseTooLarge past
                the client's max_response_bytes.
            errors.RequestTimeout: No answer within the timeout for one read, or the deadline for one attempt.
            errors.TransportError: No response: the connection failed or broke.
            errors.RetryAfterTooLong: A retryable status asking to wait longer than the SDK sleeps.
            errors.SchemaViolation: A value that cannot be sent, refused before anything is sent.
            errors.ClientClosed: The client was closed.
            TypeError: Both the body's fields and body=, or a required field missing.

        Returns:
            Response[DeleteSmtpUserBadRequest | DeleteSmtpUserNotFound | DeleteSmtpUserOk | DeleteSmtpUserServerError | DeleteSmtpUserUnauthorized]: the status, headers, body and the parsed value.
        """

        _fields = _given(
            username=username,
        )
        if isinstance(body, Unset):
            body = _model_delete_smtp_user_request.DeleteSmtpUserRequest(**_fields)
        elif _fields:
            raise TypeError("pass the body's fields or body=, not both")
        elif not isinstance(body, _model_delete_smtp_user_request.DeleteSmtpUserRequest):
            raise TypeError(f"body must be a DeleteSmtpUserRequest, not {type(body).__name__}")
        _request = _with_options(
            _outbound_delete_outbound_smarthost._get_kwargs(
                **_given(
                    body=body,
                )
            ),
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
        )
        _response = await self._client._asend(_request)
        return _outbound_delete_outbound_smarthost._build_response(client=self._client, response=_response)


class AsyncOutboundResourceWithRawResponse:
    """`outbound`: async methods returning the whole Response for resources smarthost."""

    __slots__ = ("_client",)

    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    @property
    def smarthost(self) -> AsyncOutboundSmarthostResourceWithRawResponse:
        return AsyncOutboundSmarthostResourceWithRawResponse(self._client)


class AsyncJetEmailWithRawResponse:
    """As AsyncJetEmail, each method returning the whole Response (status, headers, body, parsed)."""

    __slots__ = ("_client",)

    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    @property
    def outbound(self) -> AsyncOutboundResourceWithRawResponse:
        return AsyncOutboundResourceWithRawResponse(self._client)
