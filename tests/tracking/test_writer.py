"""The writer's lanes: runs written at once, each run's steps in order, bounded."""

from __future__ import annotations

import threading
import time

from tuneflow.tracking.writer import Lanes


def test_a_run_waiting_on_the_server_does_not_hold_up_the_others() -> None:
    """Run a's first message blocks (an online finish waiting on the server): b and c are written
    meanwhile, and a's later messages still come after its first."""
    release = threading.Event()
    handled: list[tuple[str, int]] = []

    def handle(message: tuple[str, int]) -> None:
        if message == ("a", 0):
            assert release.wait(30)
        handled.append(message)

    lanes = Lanes(2)
    for message in [("a", 0), ("a", 1), ("b", 0), ("c", 0), ("b", 1), ("a", 2)]:
        lanes.put(message[0], lambda message=message: handle(message))
    deadline = time.monotonic() + 30
    while len(handled) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert sorted(handled) == [("b", 0), ("b", 1), ("c", 0)]
    release.set()
    lanes.close()  # handles everything put before it returns
    assert [m for m in handled if m[0] == "a"] == [("a", 0), ("a", 1), ("a", 2)]
    assert len(handled) == 6


def test_at_most_size_runs_are_written_at_once_whatever_the_number_of_runs() -> None:
    at_once: list[int] = []
    busy = 0
    lock = threading.Lock()

    def handle(message: int) -> None:
        nonlocal busy
        with lock:
            busy += 1
            at_once.append(busy)
        time.sleep(0.05)
        with lock:
            busy -= 1

    lanes = Lanes(3)
    for run in range(12):
        for step in range(2):
            lanes.put(f"run-{run}", lambda step=step: handle(step))
    lanes.close()
    assert len(at_once) == 24 and max(at_once) == 3


def test_the_warm_up_waits_for_a_drawing_in_progress_and_draws_after_it() -> None:
    """The summary run draws its charts holding the lock the warm-up takes: two threads importing
    plotly's lazy modules at once left a chart out of a short study's summary run."""
    from tuneflow.tracking import writer

    with writer._DRAWING:  # a summary drawing
        warm = threading.Thread(target=writer._warm_up, daemon=True)
        warm.start()
        warm.join(0.5)
        assert warm.is_alive()  # waiting, not importing beside the drawing
    warm.join(120)
    assert not warm.is_alive()
