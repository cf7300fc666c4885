"""A check of a request's outer wire structure, before protobuf parses it.

protobuf's C++ parser, which Debian's python3-protobuf uses, stops at an end-group tag that closes
no group (or at tag 0) and returns the fields it has read so far with nothing but a RuntimeWarning:
a MoveDelta request with such a byte after its fields would be executed although its bytes are not
a valid message (protobuf-java refuses them, as the pure-Python parser does). This walk over the
top-level fields finds those tags; inside a length-delimited field the parser refuses them itself.
Everything else that is malformed (truncation, bad varints, wire types 6 and 7) is left to protobuf,
which refuses it.
"""

from __future__ import annotations

_MAX_GROUP_DEPTH = 100  # protobuf's own recursion limit; deeper input is protobuf's to refuse


def stray_end_tag(raw: bytes) -> str | None:
    """Why `raw` ends a message early (tag 0, or an end-group tag outside any group), else None."""
    groups: list[int] = []
    pos = 0
    while pos < len(raw):
        tag, pos = _varint(raw, pos)
        if tag is None:
            return None
        field, wire_type = tag >> 3, tag & 7
        if field == 0:
            return "field number 0 (tag 0) is not allowed"
        if wire_type == 4:
            if not groups or groups[-1] != field:
                return f"end-group tag of field {field} closes no group"
            groups.pop()
            continue
        if wire_type == 3:
            if len(groups) >= _MAX_GROUP_DEPTH:
                return None
            groups.append(field)
            continue
        pos = _skip(raw, pos, wire_type)
        if pos is None:
            return None
    return None


def _skip(raw: bytes, pos: int, wire_type: int) -> int | None:
    """The position after the value of `wire_type` at `pos`; None when malformed or truncated."""
    if wire_type == 0:
        value, after = _varint(raw, pos)
        return after if value is not None else None
    if wire_type == 1:
        return pos + 8 if pos + 8 <= len(raw) else None
    if wire_type == 5:
        return pos + 4 if pos + 4 <= len(raw) else None
    if wire_type == 2:
        length, after = _varint(raw, pos)
        return after + length if length is not None and after + length <= len(raw) else None
    return None  # wire types 6 and 7 do not exist


def _varint(raw: bytes, pos: int) -> tuple[int | None, int]:
    """The varint at `pos` and the position after it; (None, pos) when malformed or truncated."""
    value = 0
    for i in range(10):
        if pos + i >= len(raw):
            return None, pos
        byte = raw[pos + i]
        value |= (byte & 0x7F) << (7 * i)
        if byte < 0x80:
            return value, pos + i + 1
    return None, pos
