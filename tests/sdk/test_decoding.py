"""The body decoder on its own: every Content-Encoding the SDK asks for, layer by layer, in bounded pieces."""

from __future__ import annotations

import gzip
import random
import zlib
from collections.abc import Callable

import pytest
from jetemail_api_client._decoding import ACCEPT_ENCODING, PIECE, BodyDecoder, UnsupportedEncoding

RAW = random.Random(0).randbytes(PIECE + 17) + b"\0" * (3 * PIECE)  # some that does not compress, some that does


def chunked(data: bytes, size: int) -> list[bytes]:
    return [data[start : start + size] for start in range(0, len(data), size)]


def decode(encoding: str, chunks: list[bytes]) -> list[bytes]:
    decoder = BodyDecoder(encoding)
    return [piece for chunk in chunks for piece in decoder.feed(chunk)]


ENCODINGS: dict[str, Callable[[bytes], bytes]] = {
    "": lambda raw: raw,
    "identity": lambda raw: raw,
    "gzip": gzip.compress,
    "x-gzip": gzip.compress,
    "deflate": zlib.compress,
    "gzip, deflate": lambda raw: zlib.compress(gzip.compress(raw)),
    " GZIP , gzip ": lambda raw: gzip.compress(gzip.compress(raw)),
}


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("chunk_size", [7, PIECE - 1, PIECE, 10 * PIECE])
def test_each_encoding_decodes_whole_in_pieces_no_larger_than_the_step(encoding: str, chunk_size: int) -> None:
    pieces = decode(encoding, chunked(ENCODINGS[encoding](RAW), chunk_size))

    assert b"".join(pieces) == RAW
    if encoding.strip() not in ("", "identity"):
        assert max(map(len, pieces)) <= PIECE


def test_a_deflate_body_without_its_zlib_header_is_read_too() -> None:
    raw_deflate = zlib.compress(RAW)[2:-4]  # the zlib header and checksum taken off: raw deflate, as some servers send

    assert b"".join(decode("deflate", chunked(raw_deflate, 1000))) == RAW


def test_a_bomb_yields_its_first_pieces_without_inflating_the_rest() -> None:
    bomb = gzip.compress(b"\0" * (200 * PIECE))
    pieces = BodyDecoder("gzip").feed(bomb)

    assert [len(next(pieces)) for _ in range(3)] == [PIECE] * 3  # lazily: nothing past these three was inflated


@pytest.mark.parametrize("encoding", ["br", "zstd", "compress", "gzip, br"])
def test_an_encoding_the_sdk_cannot_bound_is_refused_by_name(encoding: str) -> None:
    with pytest.raises(UnsupportedEncoding, match=encoding.split(", ")[-1]):
        BodyDecoder(encoding)
    assert encoding.split(", ")[-1] not in ACCEPT_ENCODING


def test_a_body_that_does_not_follow_its_encoding_raises_zlib_error() -> None:
    with pytest.raises(zlib.error):
        decode("gzip", [b"this is not gzip at all"])
