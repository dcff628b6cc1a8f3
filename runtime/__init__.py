"""The SDK's hand-written runtime: `make generate` copies each module here verbatim into the generated package.

This file only makes the folder a package for the linters and type checkers; it is not copied.
"""
