"""Contains all the data models used in inputs/outputs"""

from .delete_smtp_user_bad_request import DeleteSmtpUserBadRequest
from .delete_smtp_user_not_found import DeleteSmtpUserNotFound
from .delete_smtp_user_ok import DeleteSmtpUserOk
from .delete_smtp_user_request import DeleteSmtpUserRequest
from .delete_smtp_user_server_error import DeleteSmtpUserServerError
from .delete_smtp_user_unauthorized import DeleteSmtpUserUnauthorized

__all__ = (
    "DeleteSmtpUserBadRequest",
    "DeleteSmtpUserNotFound",
    "DeleteSmtpUserOk",
    "DeleteSmtpUserRequest",
    "DeleteSmtpUserServerError",
    "DeleteSmtpUserUnauthorized",
)
