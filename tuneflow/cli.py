"""The ``tuneflow`` command: one verb per job; each parses its flags and calls the library.

Errors a user can cause print one line (``error: ...``) and exit 2; ``--debug`` shows the
traceback instead.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sys
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from tuneflow.errors import TuneflowError
from tuneflow.keys import STORAGE_ENV  # every verb reads --storage from it too (keeps a password out of `ps`)

__all__ = ["main"]

STORAGE_HELP = (
    "Optuna storage: sqlite:///FILE (default sqlite:///tuneflow.db), postgresql://USER:PASS@HOST/DB, "
    "journal:///FILE, grpc://HOST:PORT (a tuneflow storage-server), or 'memory'."
)


def storage_option(help_text: str = STORAGE_HELP) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--storage``, also read from ``$TUNEFLOW_STORAGE``, so a password never has to be typed."""
    return click.option("--storage", envvar=STORAGE_ENV, help=f"{help_text} Also read from ${STORAGE_ENV}.")


WORKER_STORAGE_HELP = (
    "Required: the storage the study is shared in, e.g. postgresql://USER:PASS@HOST/DB, "
    "grpc://HOST:PORT (a tuneflow storage-server, past the database's connection limit), "
    "sqlite:///shared.db (one machine) or journal:///shared.log."
)


class _Main(click.Group):
    """The command group; turns TuneflowError (and bad values) into one clean line and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TuneflowError as exc:
            if ctx.params.get("debug"):
                raise
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)
        except KeyboardInterrupt as exc:  # tuneflow.engine.signals.Interrupted: SIGINT -> 130, SIGTERM -> 143
            sys.exit(getattr(exc, "exit_code", 130))


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks and Optuna's per-trial log.")
@click.version_option(package_name="tuneflow")
def main(debug: bool) -> None:
    """Tune models with Optuna's samplers; see every trial as a W&B run."""
    import optuna

    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    optuna.logging.set_verbosity(optuna.logging.INFO if debug else optuna.logging.WARNING)
    if not debug:
        warnings.formatwarning = _one_line_warning


def _one_line_warning(message: Warning | str, category: type[Warning], *args: Any, **kwargs: Any) -> str:
    """Warnings as ``warning: ...`` lines, without the source line (it is tuneflow's, not the user's)."""
    return f"warning: {message}\n"


_FILE = click.Path(dir_okay=False, path_type=Path)
_PROJECT = click.option("--project", help="W&B project; default: the recipe's, else $WANDB_PROJECT, else 'tuneflow'.")
_ENTITY = click.option(
    "--entity", help="W&B entity (team or user); default: the recipe's, else $WANDB_ENTITY or yours."
)
_SWEEP_ID = click.option(
    "--sweep-id",
    help="An existing W&B sweep every trial's run joins (default: $WANDB_SWEEP_ID, else the study's own "
    "sweep, created once when online); 'none': plain runs.",
)


def run_options(storage_help: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Flags shared by ``run`` and ``worker`` (which differ only in what --storage means)."""
    options: list[Callable[[Callable[..., Any]], Callable[..., Any]]] = [
        click.argument("recipe"),
        click.option("--n-trials", type=click.IntRange(min=1), help="Trials to run in this call."),
        click.option(
            "--method", help="Override the recipe's method (auto, grid, random, tpe, bayes, gp, cmaes, qmc, nsga2)."
        ),
        storage_option(storage_help),
        click.option("--study-name", help="Study name; default: the recipe's name (same name = resume)."),
        click.option("--seed", type=click.IntRange(min=0), help="Override the recipe's seed."),
        click.option(
            "--n-jobs", type=click.IntRange(min=1), default=1, show_default=True, help="Trials in parallel threads."
        ),
        click.option("--timeout", type=click.FloatRange(min=0), help="Stop starting trials after this many seconds."),
        click.option("--no-wandb", is_flag=True, help="Do not log to W&B."),
        _PROJECT,
        _ENTITY,
        click.option(
            "--max-consecutive-failed-runs",
            "max_failures",
            type=click.IntRange(min=1),
            help="Stop after this many failed trials in a row (default: the recipe's, 10).",
        ),
        _SWEEP_ID,
        click.option("--progress/--no-progress", default=True, show_default=True, help="Show a progress bar."),
    ]

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(options):
            fn = option(fn)
        return fn

    return decorate


def _run(
    recipe: str,
    method: str | None,
    seed: int | None,
    no_wandb: bool,
    max_failures: int | None,
    sweep_id: str | None,
    project: str | None,
    entity: str | None,
    workers: int = 1,
    pool_member: bool = False,
    **study: Any,
) -> None:
    """``run`` and ``worker``: ``study`` holds the flags that go to ``tune`` (and ``run_pool``) as they are."""
    from tuneflow.loading import load_recipe
    from tuneflow.tune import tune
    from tuneflow.views.display import no_completed_trial, print_summary

    loaded = load_recipe(recipe).replace(method=method, seed=seed, max_consecutive_failures=max_failures)
    where = {"project": project, "entity": entity, "sweep_id": sweep_id}
    if workers > 1:
        from tuneflow.pool import run_pool

        flags = {"max_consecutive_failed_runs": max_failures, **where}  # every worker gets them as they are
        extra = [arg for flag, v in flags.items() if v is not None for arg in (f"--{flag.replace('_', '-')}", str(v))]
        pool: dict[str, Any] = {
            "method": method,
            "seed": seed,
            "wandb": not no_wandb,
            "project": project,
            "entity": entity,
        }
        result = run_pool(recipe, loaded, workers=workers, extra_args=extra, **pool, **study)
    else:
        wandb = {k: v for k, v in where.items() if v is not None} | ({"summary_run": False} if pool_member else {})
        result = tune(loaded, wandb=False if no_wandb else wandb, **study)
        if pool_member:  # `run --workers N` prints one summary for all its workers
            return
    print_summary(result, storage=study["storage"])
    if problem := no_completed_trial(result):  # after the summary: exit 1 with one line
        click.echo(f"error: {problem}", err=True)
        sys.exit(1)


@main.command()
@run_options(STORAGE_HELP)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes on the study (one per core runs Python train functions in parallel; "
    "threads do not). Needs a storage processes share: the default SQLite file, journal or PostgreSQL.",
)
def run(**kwargs: Any) -> None:
    """Tune RECIPE: a recipe module path, a built-in recipe name, or a W&B sweep YAML."""
    _run(**kwargs)


@main.command("export-sweep")
@click.argument("recipe")
@click.option("-o", "--output", type=_FILE, help="Write the YAML here (default: stdout).")
def export_sweep(recipe: str, output: Path | None) -> None:
    """Print RECIPE as a W&B sweep config (YAML) for `wandb sweep`."""
    from tuneflow.loading import load_recipe
    from tuneflow.search.sweep import dump_sweep

    text = dump_sweep(load_recipe(recipe).to_sweep())
    if output is None:
        click.echo(text, nl=False)
    else:
        with _writing(output):
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)


@contextlib.contextmanager
def _writing(output: Path) -> Iterator[None]:
    """An ``-o`` file that cannot be written is the user's error line (exit 2), not a traceback."""
    try:
        yield
    except OSError as exc:
        raise TuneflowError(f"--output: cannot write {str(output)!r}: {exc.strerror or exc}") from exc


@main.command()
@storage_option()
@click.option("--study-name", help="Study to read; may be left out when the storage holds one study.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table (secrets as ***, as everywhere).")
def best(storage: str | None, study_name: str | None, as_json: bool) -> None:
    """Print the best configuration and value of a study."""
    from tuneflow.engine.result import load_result
    from tuneflow.views.display import best_payload, print_best, require_completed

    result = load_result(storage, study_name)
    require_completed(result)
    if as_json:
        click.echo(json.dumps(best_payload(result), indent=2, default=str))
    else:
        print_best(result)


@main.command("recipes")
def recipes_command() -> None:
    """List the built-in recipes (run one with `tuneflow run NAME`)."""
    from tuneflow.loading import builtin_recipes

    names = builtin_recipes()
    width = max((len(n) for n in names), default=0)
    for name, line in names.items():
        click.echo(f"{name.ljust(width)}  {line}")


@main.command()
@storage_option()
@click.option("--study-name", help="Study to report; may be left out when the storage holds one study.")
@click.option("-o", "--output", type=_FILE, default="report.html", show_default=True, help="The HTML file to write.")
def report(storage: str | None, study_name: str | None, output: Path) -> None:
    """Write a self-contained HTML report of a study: summary, best trials, Optuna's plots."""
    from tuneflow.engine.result import load_result
    from tuneflow.engine.storage import DEFAULT_STORAGE
    from tuneflow.views.display import require_completed
    from tuneflow.views.report import write_report

    result = load_result(storage, study_name)
    require_completed(result)
    with _writing(output):
        path = write_report(result, output, storage=storage or DEFAULT_STORAGE)
    click.echo(f"wrote {path} (study {result.study.study_name!r}; open it in any browser, offline)")


@main.command()
@storage_option("Optuna storage URL the study was run with; default sqlite:///tuneflow.db.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on (0.0.0.0: all).")
@click.option("--port", type=click.IntRange(0, 65535), default=8080, show_default=True, help="Port to listen on.")
def dashboard(storage: str | None, host: str, port: int) -> None:
    """Serve optuna-dashboard on the study storage (needs tuneflow[dashboard]); Ctrl-C stops it."""
    from tuneflow.views.dashboard import serve

    serve(storage, host=host, port=port, announce=lambda line: click.echo(line, err=True))


@main.command("storage-server")
@storage_option("Required: the database to serve, postgresql://USER:PASS@HOST/DB (or sqlite:///FILE).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on (0.0.0.0: all).")
@click.option("--port", type=click.IntRange(1, 65535), default=13000, show_default=True, help="Port to listen on.")
@click.option(
    "--threads",
    type=click.IntRange(min=1),
    default=16,
    show_default=True,
    help="Requests served at once, and the database connections held.",
)
def storage_server(storage: str | None, host: str, port: int, threads: int) -> None:
    """Serve a database to workers through Optuna's gRPC proxy (needs tuneflow[grpc]); Ctrl-C stops it.

    Workers then take --storage grpc://HOST:PORT: any number of them share the server's
    --threads database connections, past the database's max_connections.
    """
    from tuneflow.engine.proxy import serve

    url = _required_storage(storage, "give the database to serve, e.g. --storage postgresql://USER:PASSWORD@HOST/DB")
    serve(url, host, port, threads, announce=lambda line: click.echo(line, err=True))


def _required_storage(storage: str | None, missing: str, shared: bool = False) -> str:
    """The ``--storage`` of a verb that needs one (``shared``: by processes), or every problem at once."""
    from tuneflow.engine.storage import check_storage_url, storage_kind
    from tuneflow.errors import StorageError

    if storage is None:
        raise StorageError(f"--storage: {missing}")
    problems = check_storage_url(storage)
    if shared and not problems and storage_kind(storage) == "memory":
        problems = [f"storage: {storage!r} lives in one process and cannot be shared by workers; use a database URL."]
    if problems:
        raise StorageError("\n".join("--" + p for p in problems))
    return storage


@main.command("backfill-wandb")
@storage_option()
@click.option("--study-name", help="Study whose runs to write; may be left out when the storage holds one study.")
@_PROJECT
@_ENTITY
@click.option(
    "--mode",
    type=click.Choice(["online", "offline"]),
    help="Default: $WANDB_MODE, else online when W&B credentials are configured, else offline.",
)
@click.option("--dir", type=click.Path(file_okay=False), help="Where the wandb/ directory goes (default .).")
@click.option("--no-summary-run", is_flag=True, help="Do not write the study summary run.")
@_SWEEP_ID
def backfill_wandb_command(storage: str | None, study_name: str | None, no_summary_run: bool, **options: Any) -> None:
    """Write the W&B runs a study is missing (a --no-wandb study, or runs lost), from its storage.

    One run per finished trial, shaped as if it had been logged live (config, metric, intermediate
    values as history, state); trials that already have their run are left alone, so running it
    again writes nothing new.
    """
    from tuneflow.engine.result import load_result
    from tuneflow.tracking.backfill import backfill_wandb

    result = load_result(storage, study_name)
    options = {k: v for k, v in options.items() if v is not None}
    report = backfill_wandb(result, options, summary_run=not no_summary_run)
    click.echo(f"study {result.study.study_name!r}: {report}")
    if report.errors:
        sys.exit(1)


@main.command("import-runs")
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option("--recipe", "recipe_ref", required=True, help="Recipe whose space and metric the runs are read with.")
@storage_option()
@click.option("--study-name", help="Study to add the runs to; default: the recipe's name.")
def import_runs_command(source: Path, recipe_ref: str, storage: str | None, study_name: str | None) -> None:
    """Add finished W&B runs (a wandb directory or a run-table CSV export) to a study as trials."""
    from tuneflow.importer import import_runs
    from tuneflow.loading import load_recipe

    report = import_runs(source, load_recipe(recipe_ref), storage=storage, study_name=study_name)
    for line in report.lines():
        click.echo(line)


@main.command()
@run_options(WORKER_STORAGE_HELP)
@click.option("--pool-member", is_flag=True, hidden=True, help="Started by `run --workers`: no summary of its own.")
@click.option(
    "--budget", type=click.IntRange(min=1), hidden=True, help="Started by `run --workers`: the pool's whole --n-trials."
)
def worker(**kwargs: Any) -> None:
    """Join the study of RECIPE in --storage (required) from another process or machine.

    The study is created if it does not exist yet, so N workers can start at once.

    Start as many workers as you like, at once or later: they share the run_cap, a grid is
    evaluated once across all of them, and each stops by itself when the study is done.
    """
    example = "postgresql://USER:PASSWORD@HOST/DB, sqlite:///shared.db or journal:///shared.log"
    _required_storage(
        kwargs["storage"], f"a worker needs the storage its study is shared in, e.g. --storage {example}", True
    )
    _run(**kwargs, worker=True)
