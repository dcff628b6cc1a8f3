"""The vendored spec itself: valid OpenAPI, and exactly the bytes the Makefile pins."""

from pathlib import Path

from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

from scripts.oas import SPEC_PATH, server_url
from scripts.spec_pin import pin_mismatch
from tests.support.spec_contract import SPEC


def test_openapi_json_is_valid_openapi() -> None:
    try:
        validate(SPEC)
    except OpenAPIValidationError as error:  # pragma: no cover - the message is the point
        raise AssertionError(f"{SPEC_PATH.name} is not valid OpenAPI: {error}") from error


def test_openapi_json_matches_the_pin() -> None:
    assert pin_mismatch() is None, pin_mismatch()


def test_a_one_byte_change_without_the_pin_is_refused_naming_the_pin(tmp_path: Path) -> None:
    changed = tmp_path / "openapi.json"
    changed.write_bytes(SPEC_PATH.read_bytes() + b" ")  # one more byte, still the same JSON

    message = pin_mismatch(spec=changed)

    assert message is not None
    assert "SPEC_SHA256" in message and "make update-spec" in message


def test_the_default_base_url_fills_in_the_server_variables() -> None:
    spec = {
        "servers": [
            {
                "url": "https://{region}.api.test:{port}/v1",
                "variables": {"region": {"default": "eu"}, "port": {"default": "8443"}},
            }
        ]
    }

    assert server_url(spec) == "https://eu.api.test:8443/v1"
    assert server_url({}) == "/"
