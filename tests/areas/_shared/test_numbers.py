"""JSON numbers as JSON defines them (issue 71): an integral number is an integer wherever
the harness checks one in a product's data, 15.0 as 15 (JSON Schema 2020-12 Validation
6.1.1), and 15.5 is not one."""

from __future__ import annotations

import math

import pytest
from jsonschema import Draft202012Validator

from conformance.areas._shared.numbers import as_integer, is_integer
from conformance.areas.data.coco import duplicate_ids
from conformance.areas.interfaces.pagination import declared_max_page_size
from conformance.areas.scenes.feed import OM, result_problem


@pytest.mark.parametrize("value", [15, 15.0, -3.0, 0, 1e3])
def test_an_integral_number_is_an_integer(value):
    assert is_integer(value) and as_integer(value) == int(value)
    assert Draft202012Validator({"type": "integer"}).is_valid(value)  # as JSON Schema says


@pytest.mark.parametrize("value", [15.5, True, False, "15", None, math.inf, math.nan, [15]])
def test_anything_else_is_not(value):
    assert not is_integer(value) and as_integer(value) is None


def test_a_count_observation_of_15_0_is_a_count_and_15_5_is_not():
    count = OM + "OM_CountObservation"
    assert result_problem(count, 15.0) is None
    assert result_problem(count, 15.5) == "integer"


def test_a_page_size_of_50_0_is_declared_and_50_5_is_not():
    assert declared_max_page_size({"pagination": {"max_page_size": 50.0}}) == 50
    assert declared_max_page_size({"pagination": {"max_page_size": 50.5}}) is None


def test_coco_ids_written_as_1_0_are_ids_and_1_5_is_none():
    def data(ids):
        return {"images": [{"id": i} for i in ids], "annotations": [], "categories": []}

    assert list(duplicate_ids(data([1.0, 2]))) == []
    assert [f.rule for f in duplicate_ids(data([1.5, 2]))] == ["R1"]
    assert [f.rule for f in duplicate_ids(data([1.0, 1]))] == ["R1"]  # the same id twice
