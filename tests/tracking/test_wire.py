"""The pipe to the W&B writer process: one unreadable or unsendable value costs that value (or
that record), never the stream: the records after it are still read."""

from __future__ import annotations

import io
from typing import Any

from tuneflow.tracking.runs import RunSpec
from tuneflow.tracking.wire import Finish, Log, frame, read_frame


class _FailsToLoad:
    """Pickles fine here; loading it raises (as a class whose ``__setstate__`` fails over there)."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (int, ("not a number",))


def test_an_unreadable_message_leaves_the_next_ones_readable() -> None:
    stream = io.BytesIO(
        frame(Log("run-1", 0, {"bad": _FailsToLoad(), "aux": 1}))
        + frame(Log("run-1", 1, {"aux": 2}))
        + frame(Log("run-2", 0, {"aux": 3}))[:-5]  # the sender died mid-frame
    )
    first = read_frame(stream)
    assert first is not None and first.payload is None and (first.kind, first.run_id) == ("Log", "run-1")
    assert first.error is not None and "not a number" in first.error
    second = read_frame(stream)
    assert second is not None and second.payload == Log("run-1", 1, {"aux": 2}) and second.dropped == []
    assert read_frame(stream) is None  # a frame cut short ends the input, it does not raise
    assert read_frame(stream) is None


def test_what_cannot_be_pickled_is_left_out_of_a_run_spec_by_key() -> None:
    spec = RunSpec(
        "run-1",
        "n",
        config={"lr": 0.1, "fn": lambda: 0},
        summary={"loss": 1.0},
        history=[(0, {"aux": 1, "f": lambda: 1, "l": [1, lambda: 2], "d": {"x": lambda: 3, "y": 4}})],
    )
    with open(__file__) as handle:
        spec.history.append((1, {"file": handle, "aux": 2}))
        message = read_frame(io.BytesIO(frame(Finish(spec))))
    assert message is not None and isinstance(message.payload, Finish)
    sent = message.payload.spec
    assert sent.config == {"lr": 0.1} and sent.summary == {"loss": 1.0}
    assert sent.history == [(0, {"aux": 1, "l": [1, None], "d": {"y": 4}}), (1, {"aux": 2})]
    assert [d.split(" (")[0] for d in message.dropped] == ["fn", "f", "l", "d.x", "file"]
    assert "_io.TextIOWrapper" in message.dropped[-1]
