"""Entry point of the W&B writer process (``python -m tuneflow._wandb_writer``); see wandb_bridge.RunWriter."""

from tuneflow.wandb_bridge import _child

if __name__ == "__main__":
    _child()
