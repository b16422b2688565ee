"""``tune(wandb=...)`` options: every bad one named at once, before a study is created."""

from __future__ import annotations

from pathlib import Path

import pytest

from tuneflow.errors import RecipeError
from tuneflow.tracking.options import WandbOptions


def test_bad_options_are_listed_together_naming_field_and_value() -> None:
    with pytest.raises(RecipeError) as caught:
        WandbOptions.parse({"tags": 5, "project": 3, "summary_run": "no", "plots": None, "group": ["a"]})
    text = str(caught.value)
    assert "5 problems" in text
    assert "wandb.tags: must be a text or a list of texts, but got 5." in text
    assert "wandb.project: must be text, but got 3; quote it." in text
    assert "wandb.summary_run: must be true or false, but got 'no'." in text  # 'no' is truthy: it wrote one
    assert "wandb.plots: must be true or false, but got None." in text
    assert "wandb.group: must be text, but got ['a']" in text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"tags": "one"}, {"tags": ("one",)}),
        ({"tags": ["a", "b"], "summary_run": False}, {"tags": ("a", "b"), "summary_run": False}),
        ({"dir": Path("/tmp/x"), "project": "p"}, {"dir": Path("/tmp/x"), "project": "p"}),
    ],
)
def test_good_options(value: dict, expected: dict) -> None:
    options = WandbOptions.parse(value)
    assert options is not None and all(getattr(options, k) == v for k, v in expected.items())
