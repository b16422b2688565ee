"""The messages between a study and its W&B writer process, and the values that cannot cross.

Every message is one record (a dataclass below): :class:`Hello` first (the connection), then
:class:`Open`, :class:`Log`, :class:`Finish`, :class:`Summarize`, :class:`Warm` and
:class:`SetMode` from the study; :class:`Reply` back. On the pipe a record travels as one frame,
``(kind, run_id, pickled record)``: the frame itself holds only text and bytes, so the writer can
always read it, know which run it is about, and stay in step with the stream even when the
record cannot be read. Without that, one unreadable ``trial.log`` value desynchronised the pipe
and killed the writer; the replay after each restart killed it again, and the whole study's runs
were lost.

Values that cannot cross: an object that cannot be pickled here (an open file) or whose class the
writer process cannot import (a class defined in the user's ``__main__``, or in a module found
only through the script's folder). They stand as :class:`Dropped` markers and are taken out of
the row, config or summary before anything is written; what was dropped is reported once, as
the values wandb itself refuses are.
"""

from __future__ import annotations

import dataclasses
import io
import pickle
import types
from collections.abc import Mapping
from typing import IO, Any, Literal

from tuneflow.tracking.runs import RunSpec, StudyInfo

__all__ = [
    "Dropped",
    "Finish",
    "Frame",
    "Hello",
    "Log",
    "Message",
    "Open",
    "Reply",
    "SetMode",
    "Summarize",
    "Warm",
    "frame",
    "read_frame",
    "without_dropped",
]


# -- the records -------------------------------------------------------------------------------


@dataclasses.dataclass
class Hello:
    """The first message: what every ``wandb.init`` of the study shares (a ``Connection``)."""

    project: str | None
    entity: str | None
    mode: str
    directory: str
    init_timeout: float


@dataclasses.dataclass
class SetMode:
    """The study went offline (W&B unreachable from the study's own process)."""

    mode: str


@dataclasses.dataclass
class Warm:
    """Import what the summary run needs now, while the trials run."""


@dataclasses.dataclass
class Open:
    """Start a trial's run (``head``: name, config, tags, group); ``replace``: a dead writer may have
    left a partial directory of it."""

    head: RunSpec
    replace: bool = False

    @property
    def run_id(self) -> str:
        return self.head.run_id


@dataclasses.dataclass
class Log:
    """One history row of an open run, at ``step`` (rows at one step merge)."""

    run_id: str
    step: int
    row: dict[str, Any]


@dataclasses.dataclass
class Finish:
    """End a run with its summary and state (``spec.history`` holds the whole history).

    ``rewrite``: write it whole (it was never opened, its rows came out of step order, or it was
    reopened in a new writer);
    ``replace``: first remove what a dead writer left of it."""

    spec: RunSpec
    rewrite: bool = False
    replace: bool = False

    @property
    def run_id(self) -> str:
        return self.spec.run_id


@dataclasses.dataclass
class Summarize:
    """Build and write the study summary run, from what it needs of the study (which stays in its
    process): the trials as they ended, its directions and attributes, the secrets to scrub.
    ``replace``: first remove what a dead writer left of it."""

    study_name: str
    directions: list[Any]
    user_attrs: dict[str, Any]
    trials: list[Any]
    info: StudyInfo
    secrets: tuple[str, ...]
    interrupted: bool
    plots: bool
    replace: bool = False

    @property
    def head(self) -> RunSpec:
        """The summary run without its contents (started while they are computed)."""
        return self.info.summary_run(len(self.trials), self.interrupted)

    @property
    def run_id(self) -> str:
        return self.head.run_id


Message = Hello | SetMode | Warm | Open | Log | Finish | Summarize


@dataclasses.dataclass
class Reply:
    """What the writer process says back: a run ``written`` (``detail``: its directory), ``skipped``
    (an earlier session wrote it), ``failed`` or a ``problem`` (``detail``: why), ``existing``
    (an open run an earlier session wrote: its rows are not sent), values ``dropped`` from it
    (``detail``: their names), or that it ``fell-back`` to offline (``detail``: why)."""

    kind: Literal["written", "skipped", "failed", "problem", "existing", "dropped", "fell-back"]
    run_id: str | None
    detail: Any = None


class Dropped:
    """Stands in for a value that could not cross to the writer process (see the module doc)."""

    what = "an object"

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # whatever the original took
        pass

    def __setstate__(self, state: Any) -> None:
        pass

    def __reduce__(self) -> tuple[Any, ...]:
        return (_dropped, (self.what,))


def _dropped(what: str) -> Dropped:
    marker = Dropped()
    marker.what = what
    return marker


def _describe(obj: Any) -> str:
    kind = obj if isinstance(obj, type) else type(obj)
    name = getattr(obj, "__qualname__", None) if callable(obj) and not isinstance(obj, type) else None
    return name or f"{kind.__module__}.{kind.__qualname__}"


class _SendingPickler(pickle.Pickler):
    """Pickles what it can; an object that cannot be pickled becomes a :class:`Dropped` marker.

    Only the object that fails on its own is replaced: a container or dataclass (a run spec, a
    row) holding one is pickled part by part. Used only after a plain ``pickle.dumps`` failed:
    trying every object on its own is slow.
    """

    def reducer_override(self, obj: Any) -> Any:
        if _picklable(obj):
            return NotImplemented
        if isinstance(obj, (type, types.FunctionType, types.BuiltinFunctionType)) or not _picklable(type(obj)):
            return (_dropped, (_describe(obj),))  # pickled by reference, and the reference fails
        try:
            obj.__reduce_ex__(pickle.DEFAULT_PROTOCOL)
        except Exception:  # e.g. an open file: the object itself refuses
            return (_dropped, (_describe(obj),))
        return NotImplemented  # its parts are tried one by one


def _picklable(obj: Any) -> bool:
    """Whether ``obj`` can be pickled here (whether the writer process can load it is another matter)."""
    try:
        pickle.dumps(obj)
    except Exception:
        return False
    return True


class _ReadingUnpickler(pickle.Unpickler):
    """Unpickles what it can; a class or function it cannot import becomes a :class:`Dropped` type."""

    #: The payload holds a :class:`Dropped` marker (made here or by the sender).
    marked = False

    def find_class(self, module: str, name: str) -> Any:
        try:
            found = super().find_class(module, name)
        except (ImportError, AttributeError):
            self.marked = True
            return type(name, (Dropped,), {"what": f"{module}.{name}"})
        self.marked = self.marked or found is _dropped
        return found


@dataclasses.dataclass
class Frame:
    """One message as the writer process reads it."""

    kind: str
    run_id: str | None
    #: The record (None when it could not be read: ``error`` says why).
    payload: Any
    #: What was taken out of the payload because it could not cross (``name (what)``).
    dropped: list[str]
    error: str | None = None


def frame(message: Message) -> bytes:
    """``message`` as one frame for the pipe (what cannot be pickled travels as a marker)."""
    try:
        blob = pickle.dumps(message)
    except Exception:  # anything a value's own pickling raises
        buffer = io.BytesIO()
        _SendingPickler(buffer, pickle.DEFAULT_PROTOCOL).dump(message)
        blob = buffer.getvalue()
    return pickle.dumps((type(message).__name__, getattr(message, "run_id", None), blob))


def read_frame(stream: IO[bytes]) -> Frame | None:
    """The next message on ``stream``; None at its end (or when the sender died mid-frame)."""
    try:
        kind, run_id, blob = pickle.load(stream)
    except Exception:  # EOF, or a frame cut short: the study's process is gone
        return None
    unpickler = _ReadingUnpickler(io.BytesIO(blob))
    try:
        payload = unpickler.load()
    except Exception as exc:
        return Frame(kind, run_id, None, [], f"{type(exc).__name__}: {exc}")
    found: list[str] = []
    if unpickler.marked:
        payload = without_dropped(payload, found)
    return Frame(kind, run_id, payload, found)


def _marker(value: Any) -> Dropped | type[Dropped] | None:
    if isinstance(value, Dropped) or (isinstance(value, type) and issubclass(value, Dropped)):
        return value
    return None


def without_dropped(value: Any, found: list[str], where: str = "") -> Any:
    """``value`` with every :class:`Dropped` marker taken out: a mapping's entry is removed, a
    list's or tuple's item becomes None (items keep their places), a dataclass's fields (a run
    spec's config, summary and history rows) are cleaned alike; each is described in ``found`` as
    ``key (what it was)``."""
    if (marker := _marker(value)) is not None:  # a value on its own (e.g. a list's item)
        found.append(f"{where or 'value'} ({marker.what})")
        return None
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: without_dropped(getattr(value, f.name), found, where) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **fields)
    if isinstance(value, Mapping):
        out = {}
        for k, v in value.items():
            key = f"{where}.{k}" if where else str(k)
            if (marker := _marker(v)) is not None:
                found.append(f"{key} ({marker.what})")
            else:
                out[k] = without_dropped(v, found, key)
        return out
    if isinstance(value, (list, tuple)):  # items keep their places
        items = [without_dropped(v, found, where) for v in value]
        return tuple(items) if isinstance(value, tuple) else items
    return value
