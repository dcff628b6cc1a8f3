from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, json_object, json_type

T = TypeVar("T", bound="DeleteSmtpUserBadRequest")


@_attrs_define
class DeleteSmtpUserBadRequest:
    """
    Attributes:
        success (bool | Unset):  Example: False.
        error (str | Unset):  Example: Username is required.
    """

    success: bool | Unset = _attrs_field(default=UNSET, validator=json_type(bool))
    error: str | Unset = _attrs_field(default=UNSET, validator=json_type(str))
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if success is not UNSET:
            field_dict["success"] = success
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        src_dict = json_object(cls.__name__, src_dict)
        __data = dict(src_dict)
        success = __data.pop("success", UNSET)

        error = __data.pop("error", UNSET)

        __instance = cls(
            success=success,
            error=error,
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
