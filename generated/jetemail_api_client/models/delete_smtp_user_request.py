from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import field_of, json_object, json_type

T = TypeVar("T", bound="DeleteSmtpUserRequest")


@_attrs_define
class DeleteSmtpUserRequest:
    """
    Attributes:
        username (str): SMTP username to delete Example: smtp-user1.
    """

    username: str = _attrs_field(validator=json_type(str))
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        username = self.username

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "username": username,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        src_dict = json_object(cls.__name__, src_dict)
        __data = dict(src_dict)
        with field_of(cls, "username"):
            username = __data.pop("username")

        __instance = cls(
            username=username,
        )

        __instance.additional_properties = __data
        return __instance

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
