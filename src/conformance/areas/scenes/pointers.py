"""JSON pointers (RFC 6901) into a CityJSON file, shared by the modules that locate findings in
one: the schema's and the specification's rules (:mod:`.cityjson`), the geometric validity of
its solids (:mod:`.solids`) and the overlaps of a Building's parts (:mod:`.building_parts`)."""

from __future__ import annotations

from conformance.area import json_pointer

__all__ = ["city_object_pointer", "json_pointer"]


def city_object_pointer(key: str) -> str:
    """The pointer of the City Object ``key`` (``/CityObjects/<key>``, its ``~`` and ``/`` escaped)."""
    return "/CityObjects" + json_pointer([key])
