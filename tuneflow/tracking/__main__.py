"""Entry point of the W&B writer process (``python -m tuneflow.tracking``); see writer.RunWriter."""

from tuneflow.tracking.writer import _child

if __name__ == "__main__":
    _child()
