"""The SDK-level diff of a spec change, one module for each thing compared.

http_surface  what goes over the wire: operations, statuses, parameters, bodies, content types
python_api    what code written against the generated package meets: objects, signatures, types (griffe)
report        both halves of two built SDKs together, each change marked breaking or not, and the semver bump
"""
