"""Reading a response body with a cap on its decoded size, whatever its Content-Encoding.

httpx decodes each raw chunk whole, so a small compressed chunk can inflate to hundreds of MiB before any cap
is checked. The SDK reads the raw bytes instead and inflates them here in steps of at most PIECE bytes, each
layer of a stacked encoding (`gzip, gzip`) too, so the cap is met before the memory is.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator

# The most bytes one decoding step may produce: the cap is checked after each.
PIECE = 64 * 1024
# What the SDK asks servers to send: the encodings this module can bound (httpx would add br and zstd when
# their packages are importable, which inflate without such a bound).
ACCEPT_ENCODING = "gzip, deflate"
_WINDOW = {"gzip": zlib.MAX_WBITS | 16, "x-gzip": zlib.MAX_WBITS | 16, "deflate": zlib.MAX_WBITS}


class UnsupportedEncoding(ValueError):
    """A Content-Encoding this module cannot decode within a bound (br, zstd, or an unknown one)."""


class _Inflater:
    """One gzip or deflate layer, giving at most PIECE bytes per step.

    A deflate body may come with or without its zlib header (servers send both): the first bytes decide, as
    httpx's own decoder does.
    """

    def __init__(self, encoding: str) -> None:
        self._encoding = encoding
        self._inflater = zlib.decompressobj(_WINDOW[encoding])
        self._started = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self._encoding == "deflate" and not self._started and data:
            self._started = True
            try:
                zlib.decompressobj().decompress(data[:2])
            except zlib.error:  # no zlib header: a raw deflate stream
                self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        while True:
            out = self._inflater.decompress(data, PIECE)
            if out:
                yield out
            data = self._inflater.unconsumed_tail
            if not data and len(out) < PIECE:
                return


class BodyDecoder:
    """Decodes a body from its Content-Encoding as its raw chunks arrive, in pieces of at most PIECE bytes.

    Raises UnsupportedEncoding at once for an encoding it cannot bound (br, zstd, an unknown one); `feed` raises
    zlib.error for a body that does not follow its own encoding."""

    def __init__(self, content_encoding: str) -> None:
        names = [name.strip().lower() for name in content_encoding.split(",")]
        names = [name for name in names if name and name != "identity"]
        unsupported = [name for name in names if name not in _WINDOW]
        if unsupported:
            raise UnsupportedEncoding(f"the body is encoded as {', '.join(unsupported)}, which the SDK does not accept")
        self._layers = [_Inflater(name) for name in reversed(names)]  # the last encoding applied is undone first

    def feed(self, chunk: bytes) -> Iterator[bytes]:
        pieces: Iterator[bytes] = iter((chunk,))
        for layer in self._layers:
            pieces = _through(layer, pieces)
        return pieces


def _through(layer: _Inflater, pieces: Iterable[bytes]) -> Iterator[bytes]:
    for piece in pieces:
        yield from layer.feed(piece)
