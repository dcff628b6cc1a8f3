"""Contains methods for accessing the API"""

from __future__ import annotations

import typing
import typing as _typing
from collections.abc import Mapping

import httpx

from .._resource import AsyncClientRoot, AsyncResource, SyncClientRoot, SyncResource
from .._resource import async_raw_response as _async_raw_response
from .._resource import flat_body as _flat_body
from .._resource import raw_response as _raw_response
from ..types import UNSET, LazyModule, UndocumentedSuccess, Unset
from ..types import given as _given

__all__ = ["AsyncJetEmail", "JetEmail"]


if typing.TYPE_CHECKING:
    from ..models import delete_smtp_user_request as _model_delete_smtp_user_request
    from ..models.delete_smtp_user_ok import DeleteSmtpUserOk
    from ..models.delete_smtp_user_request import DeleteSmtpUserRequest
    from .outbound import delete_outbound_smarthost as _outbound_delete_outbound_smarthost
else:  # the same modules, each imported when a method first reads from it (an import statement a call costs µs)
    _model_delete_smtp_user_request = LazyModule("..models.delete_smtp_user_request", __name__)
    _outbound_delete_outbound_smarthost = LazyModule(".outbound.delete_outbound_smarthost", __name__)


class OutboundSmarthostResource(SyncResource):
    """`outbound.smarthost`: methods for DELETE /outbound/smarthost."""

    __slots__ = ()

    @_typing.overload
    def delete(
        self,
        *,
        username: str,
        timeout: float | httpx.Timeout | None | Unset = UNSET,
        extra_headers: Mapping[str, str] | None = None,
        retries: int | Unset = UNSET,
    ) -> DeleteSmtpUserOk | UndocumentedSuccess: ...

    @_typing.overload
    def delete(
        self,
        *,
        body: DeleteSmtpUserRequest,
        timeout: float | httpx.Timeout | None | Unset = UNSET,
        extra_headers: Mapping[str, str] | None = None,
        retries: int | Unset = UNSET,
    ) -> DeleteSmtpUserOk | UndocumentedSuccess: ...

    def delete(
        self,
        *,
        username: str | Unset = UNSET,
        body: DeleteSmtpUserRequest | Unset = UNSET,
        timeout: float | httpx.Timeout | None | Unset = UNSET,
        extra_headers: Mapping[str, str] | None = None,
        retries: int | Unset = UNSET,
    ) -> DeleteSmtpUserOk | UndocumentedSuccess:
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
            errors.APIStatusError: Any status but 2xx, of the class that names it (NotFoundError for 404,
                RateLimitError for 429, InternalServerError for 5xx, ...); `parsed` holds the documented model.
            errors.MalformedResponse: A documented status whose body does not fit its schema; ResponseTooLarge past
                the client's max_response_bytes.
            errors.RequestTimeout: No answer within the timeout for one read, or the deadline for one attempt.
            errors.TransportError: No response: the connection failed or broke.
            errors.RetryAfterTooLong: A retryable status asking to wait longer than the SDK sleeps.
            errors.SchemaViolation: A value that cannot be sent, refused before anything is sent.
            errors.ClientClosed: The client was closed.
            TypeError: Both the body's fields and body=, or a required field missing.

        Returns:
            DeleteSmtpUserOk | UndocumentedSuccess: the documented success, or UndocumentedSuccess for a 2xx the spec
            does not document (with_raw_response: the whole Response for any status).
        """

        body = _flat_body(
            _model_delete_smtp_user_request.DeleteSmtpUserRequest,
            body,
            {
                "username": username,
            },
            required=True,
        )
        return _typing.cast(
            "DeleteSmtpUserOk | UndocumentedSuccess",
            self._call(
                _outbound_delete_outbound_smarthost._get_kwargs(
                    **_given(
                        body=body,
                    )
                ),
                _outbound_delete_outbound_smarthost._build_response,
                timeout=timeout,
                extra_headers=extra_headers,
                retries=retries,
            ),
        )


class OutboundResource(SyncResource):
    """`outbound`: methods for resources smarthost."""

    __slots__ = ()

    @property
    def smarthost(self) -> OutboundSmarthostResource:
        return OutboundSmarthostResource(self._client, self._raw)


class JetEmail(SyncClientRoot):
    __doc__ = SyncClientRoot.__doc__
    __slots__ = ()

    @property
    def with_raw_response(self) -> JetEmailWithRawResponse:
        """The same methods, each returning the whole Response (status, headers, body, parsed)."""
        return JetEmailWithRawResponse(self)

    @property
    def outbound(self) -> OutboundResource:
        return OutboundResource(self._client, self._raw)


class OutboundSmarthostResourceWithRawResponse:
    """As OutboundSmarthostResource, each method returning the whole Response (status, headers, body, parsed)."""

    __slots__ = (
        "_resource",
        "delete",
    )

    def __init__(self, resource: OutboundSmarthostResource) -> None:
        self._resource = resource._as_raw()
        self.delete = _raw_response(self._resource.delete)


class OutboundResourceWithRawResponse:
    """As OutboundResource, each method returning the whole Response (status, headers, body, parsed)."""

    __slots__ = ("_resource",)

    def __init__(self, resource: OutboundResource) -> None:
        self._resource = resource._as_raw()

    @property
    def smarthost(self) -> OutboundSmarthostResourceWithRawResponse:
        return OutboundSmarthostResourceWithRawResponse(self._resource.smarthost)


class JetEmailWithRawResponse:
    """As JetEmail, each method returning the whole Response (status, headers, body, parsed)."""

    __slots__ = ("_resource",)

    def __init__(self, resource: JetEmail) -> None:
        self._resource = resource._as_raw()

    @property
    def outbound(self) -> OutboundResourceWithRawResponse:
        return OutboundResourceWithRawResponse(self._resource.outbound)


class AsyncOutboundSmarthostResource(AsyncResource):
    """`outbound.smarthost`: async methods for DELETE /outbound/smarthost."""

    __slots__ = ()

    @_typing.overload
    async def delete(
        self,
        *,
        username: str,
        timeout: float | httpx.Timeout | None | Unset = UNSET,
        extra_headers: Mapping[str, str] | None = None,
        retries: int | Unset = UNSET,
    ) -> DeleteSmtpUserOk | UndocumentedSuccess: ...

    @_typing.overload
    async def delete(
        self,
        *,
        body: DeleteSmtpUserRequest,
        timeout: float | httpx.Timeout | None | Unset = UNSET,
        extra_headers: Mapping[str, str] | None = None,
        retries: int | Unset = UNSET,
    ) -> DeleteSmtpUserOk | UndocumentedSuccess: ...

    async def delete(
        self,
        *,
        username: str | Unset = UNSET,
        body: DeleteSmtpUserRequest | Unset = UNSET,
        timeout: float | httpx.Timeout | None | Unset = UNSET,
        extra_headers: Mapping[str, str] | None = None,
        retries: int | Unset = UNSET,
    ) -> DeleteSmtpUserOk | UndocumentedSuccess:
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
            errors.APIStatusError: Any status but 2xx, of the class that names it (NotFoundError for 404,
                RateLimitError for 429, InternalServerError for 5xx, ...); `parsed` holds the documented model.
            errors.MalformedResponse: A documented status whose body does not fit its schema; ResponseTooLarge past
                the client's max_response_bytes.
            errors.RequestTimeout: No answer within the timeout for one read, or the deadline for one attempt.
            errors.TransportError: No response: the connection failed or broke.
            errors.RetryAfterTooLong: A retryable status asking to wait longer than the SDK sleeps.
            errors.SchemaViolation: A value that cannot be sent, refused before anything is sent.
            errors.ClientClosed: The client was closed.
            TypeError: Both the body's fields and body=, or a required field missing.

        Returns:
            DeleteSmtpUserOk | UndocumentedSuccess: the documented success, or UndocumentedSuccess for a 2xx the spec
            does not document (with_raw_response: the whole Response for any status).
        """

        body = _flat_body(
            _model_delete_smtp_user_request.DeleteSmtpUserRequest,
            body,
            {
                "username": username,
            },
            required=True,
        )
        return _typing.cast(
            "DeleteSmtpUserOk | UndocumentedSuccess",
            await self._call(
                _outbound_delete_outbound_smarthost._get_kwargs(
                    **_given(
                        body=body,
                    )
                ),
                _outbound_delete_outbound_smarthost._build_response,
                timeout=timeout,
                extra_headers=extra_headers,
                retries=retries,
            ),
        )


class AsyncOutboundResource(AsyncResource):
    """`outbound`: async methods for resources smarthost."""

    __slots__ = ()

    @property
    def smarthost(self) -> AsyncOutboundSmarthostResource:
        return AsyncOutboundSmarthostResource(self._client, self._raw)


class AsyncJetEmail(AsyncClientRoot):
    __doc__ = AsyncClientRoot.__doc__
    __slots__ = ()

    @property
    def with_raw_response(self) -> AsyncJetEmailWithRawResponse:
        """The same methods, each returning the whole Response (status, headers, body, parsed)."""
        return AsyncJetEmailWithRawResponse(self)

    @property
    def outbound(self) -> AsyncOutboundResource:
        return AsyncOutboundResource(self._client, self._raw)


class AsyncOutboundSmarthostResourceWithRawResponse:
    """As AsyncOutboundSmarthostResource, each method returning the whole Response (status, headers, body, parsed)."""

    __slots__ = (
        "_resource",
        "delete",
    )

    def __init__(self, resource: AsyncOutboundSmarthostResource) -> None:
        self._resource = resource._as_raw()
        self.delete = _async_raw_response(self._resource.delete)


class AsyncOutboundResourceWithRawResponse:
    """As AsyncOutboundResource, each method returning the whole Response (status, headers, body, parsed)."""

    __slots__ = ("_resource",)

    def __init__(self, resource: AsyncOutboundResource) -> None:
        self._resource = resource._as_raw()

    @property
    def smarthost(self) -> AsyncOutboundSmarthostResourceWithRawResponse:
        return AsyncOutboundSmarthostResourceWithRawResponse(self._resource.smarthost)


class AsyncJetEmailWithRawResponse:
    """As AsyncJetEmail, each method returning the whole Response (status, headers, body, parsed)."""

    __slots__ = ("_resource",)

    def __init__(self, resource: AsyncJetEmail) -> None:
        self._resource = resource._as_raw()

    @property
    def outbound(self) -> AsyncOutboundResourceWithRawResponse:
        return AsyncOutboundResourceWithRawResponse(self._resource.outbound)
