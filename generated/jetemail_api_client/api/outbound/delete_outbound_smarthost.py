from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.delete_smtp_user_bad_request import DeleteSmtpUserBadRequest
from ...models.delete_smtp_user_not_found import DeleteSmtpUserNotFound
from ...models.delete_smtp_user_ok import DeleteSmtpUserOk
from ...models.delete_smtp_user_request import DeleteSmtpUserRequest
from ...models.delete_smtp_user_server_error import DeleteSmtpUserServerError
from ...models.delete_smtp_user_unauthorized import DeleteSmtpUserUnauthorized
from ...types import Response, sendable, status_code_of


def _get_kwargs(
    *,
    body: DeleteSmtpUserRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/outbound/smarthost",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return sendable(_kwargs)


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    DeleteSmtpUserBadRequest
    | DeleteSmtpUserNotFound
    | DeleteSmtpUserOk
    | DeleteSmtpUserServerError
    | DeleteSmtpUserUnauthorized
    | None
):
    if response.status_code == 200:
        response_200 = DeleteSmtpUserOk.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = DeleteSmtpUserBadRequest.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = DeleteSmtpUserUnauthorized.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = DeleteSmtpUserNotFound.from_dict(response.json())

        return response_404

    if response.status_code == 500:
        response_500 = DeleteSmtpUserServerError.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.status_error(
            response.status_code,
            response.content,
            response.headers,
            attempts=errors.attempts_of(response),
            documented=False,
        )
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    DeleteSmtpUserBadRequest
    | DeleteSmtpUserNotFound
    | DeleteSmtpUserOk
    | DeleteSmtpUserServerError
    | DeleteSmtpUserUnauthorized
]:
    try:
        parsed = _parse_response(client=client, response=response)
    except errors.PARSE_FAILURES as error:
        raise errors.MalformedResponse(
            response.status_code, response.content, response.headers, str(error), attempts=errors.attempts_of(response)
        ) from error
    return Response(
        status_code=status_code_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=parsed,
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: DeleteSmtpUserRequest,
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
        body (DeleteSmtpUserRequest):

    Raises:
        errors.APIStatusError: A status this operation does not document (unless raise_on_unexpected_status=False),
            of the class that names it (NotFoundError, RateLimitError, ...; UnexpectedStatus is APIStatusError).
        errors.MalformedResponse: A documented status whose body does not fit its schema; ResponseTooLarge past
            the client's max_response_bytes.
        errors.RequestTimeout: No answer within the client's timeout for one read, or its deadline for one attempt.
        errors.TransportError: No response: the connection failed or broke.
        errors.RetryAfterTooLong: A retryable status asking to wait longer than the SDK sleeps.
        errors.RedirectRefused: With follow_redirects, a redirect that would change the method.
        errors.SchemaViolation: A value that cannot be sent, refused before anything is sent.
        errors.ClientClosed: The client was closed.

    Returns:
        Response[DeleteSmtpUserBadRequest | DeleteSmtpUserNotFound | DeleteSmtpUserOk | DeleteSmtpUserServerError | DeleteSmtpUserUnauthorized]: its parsed is None for an undocumented status when
            raise_on_unexpected_status=False.
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client._send(kwargs)

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: DeleteSmtpUserRequest,
) -> (
    DeleteSmtpUserBadRequest
    | DeleteSmtpUserNotFound
    | DeleteSmtpUserOk
    | DeleteSmtpUserServerError
    | DeleteSmtpUserUnauthorized
    | None
):
    """Delete SMTP user

     Deletes an SMTP user

    Args:
        body (DeleteSmtpUserRequest):

    Raises:
        errors.APIStatusError: A status this operation does not document (unless raise_on_unexpected_status=False),
            of the class that names it (NotFoundError, RateLimitError, ...; UnexpectedStatus is APIStatusError).
        errors.MalformedResponse: A documented status whose body does not fit its schema; ResponseTooLarge past
            the client's max_response_bytes.
        errors.RequestTimeout: No answer within the client's timeout for one read, or its deadline for one attempt.
        errors.TransportError: No response: the connection failed or broke.
        errors.RetryAfterTooLong: A retryable status asking to wait longer than the SDK sleeps.
        errors.RedirectRefused: With follow_redirects, a redirect that would change the method.
        errors.SchemaViolation: A value that cannot be sent, refused before anything is sent.
        errors.ClientClosed: The client was closed.

    Returns:
        DeleteSmtpUserBadRequest | DeleteSmtpUserNotFound | DeleteSmtpUserOk | DeleteSmtpUserServerError | DeleteSmtpUserUnauthorized: None for an undocumented status when
            raise_on_unexpected_status=False
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: DeleteSmtpUserRequest,
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
        body (DeleteSmtpUserRequest):

    Raises:
        errors.APIStatusError: A status this operation does not document (unless raise_on_unexpected_status=False),
            of the class that names it (NotFoundError, RateLimitError, ...; UnexpectedStatus is APIStatusError).
        errors.MalformedResponse: A documented status whose body does not fit its schema; ResponseTooLarge past
            the client's max_response_bytes.
        errors.RequestTimeout: No answer within the client's timeout for one read, or its deadline for one attempt.
        errors.TransportError: No response: the connection failed or broke.
        errors.RetryAfterTooLong: A retryable status asking to wait longer than the SDK sleeps.
        errors.RedirectRefused: With follow_redirects, a redirect that would change the method.
        errors.SchemaViolation: A value that cannot be sent, refused before anything is sent.
        errors.ClientClosed: The client was closed.

    Returns:
        Response[DeleteSmtpUserBadRequest | DeleteSmtpUserNotFound | DeleteSmtpUserOk | DeleteSmtpUserServerError | DeleteSmtpUserUnauthorized]: its parsed is None for an undocumented status when
            raise_on_unexpected_status=False.
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client._asend(kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: DeleteSmtpUserRequest,
) -> (
    DeleteSmtpUserBadRequest
    | DeleteSmtpUserNotFound
    | DeleteSmtpUserOk
    | DeleteSmtpUserServerError
    | DeleteSmtpUserUnauthorized
    | None
):
    """Delete SMTP user

     Deletes an SMTP user

    Args:
        body (DeleteSmtpUserRequest):

    Raises:
        errors.APIStatusError: A status this operation does not document (unless raise_on_unexpected_status=False),
            of the class that names it (NotFoundError, RateLimitError, ...; UnexpectedStatus is APIStatusError).
        errors.MalformedResponse: A documented status whose body does not fit its schema; ResponseTooLarge past
            the client's max_response_bytes.
        errors.RequestTimeout: No answer within the client's timeout for one read, or its deadline for one attempt.
        errors.TransportError: No response: the connection failed or broke.
        errors.RetryAfterTooLong: A retryable status asking to wait longer than the SDK sleeps.
        errors.RedirectRefused: With follow_redirects, a redirect that would change the method.
        errors.SchemaViolation: A value that cannot be sent, refused before anything is sent.
        errors.ClientClosed: The client was closed.

    Returns:
        DeleteSmtpUserBadRequest | DeleteSmtpUserNotFound | DeleteSmtpUserOk | DeleteSmtpUserServerError | DeleteSmtpUserUnauthorized: None for an undocumented status when
            raise_on_unexpected_status=False
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
