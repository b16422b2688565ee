"""Candidate rules for ``auto``, measured on the design half only (issue 16).

Each is a drop-in for :func:`tuneflow.search.auto.choose` (same signature): given the space, the
budget, the objectives, whether torch is installed and whether trials run in parallel, the
:class:`~tuneflow.search.auto.Choice` to run. Each changes one property of ``auto``'s choice, so a
design-half figure says what that property is worth.
"""

from __future__ import annotations

from typing import Any

from tuneflow.search.auto import GP_STARTUP, Choice, SpaceShape, choose, startup

__all__ = ["RULES"]


def _gp_on_mixed(
    space: Any, n_trials: int | None, n_objectives: int = 1, torch: bool | None = None, parallel: bool = False
) -> Choice:
    """GP also on mixed and discrete fixed spaces with small categoricals (where ``auto`` runs TPE)."""
    choice = choose(space, n_trials, n_objectives, torch=torch, parallel=parallel)
    shape = SpaceShape.of(space)
    small = shape.largest_categorical <= 10 and shape.kind in ("mixed", "discrete")
    if choice.method == "tpe" and small and n_objectives == 1 and not parallel and torch is not False:
        start = startup(GP_STARTUP, n_trials)
        return Choice("gp", {"n_startup_trials": start}, f"candidate: GP on {shape.describe()}")
    return choice


def _interleaved(rule: Any, every: int, after: int | None = None, kinds: tuple[str, ...] = ()) -> Any:
    """``rule``'s choice, with every ``every``-th trial of its GP (from trial ``after``) handed to TPE.

    ``kinds``: only on spaces of these kinds (``SpaceShape.kind``); all when empty.
    """

    def interleaved(space: Any, n_trials: int | None, *args: Any, **kwargs: Any) -> Choice:
        choice = rule(space, n_trials, *args, **kwargs)
        if choice.method != "gp" or (kinds and SpaceShape.of(space).kind not in kinds):
            return choice
        extra = {} if after is None else {"after": after}
        return Choice(
            "gp+tpe", {**choice.options, "every": every, **extra}, f"{choice.reason}; every {every}th trial TPE"
        )

    return interleaved


def _tpe_options(rule: Any, **options: Any) -> Any:
    """``rule``'s choice with TPE's options changed where it runs TPE."""

    def tuned(space: Any, n_trials: int | None, *args: Any, **kwargs: Any) -> Choice:
        choice = rule(space, n_trials, *args, **kwargs)
        if choice.method != "tpe":
            return choice
        return Choice("tpe", {**choice.options, **options}, f"{choice.reason}; {options}")

    return tuned


def _plain(space: Any, n_trials: int | None, *args: Any, **kwargs: Any) -> Choice:
    kwargs["torch"] = False
    return choose(space, n_trials, *args, **kwargs)


def _plain_tpe(space: Any, n_trials: int | None, *args: Any, **kwargs: Any) -> Choice:
    """The plain install's rule before its GP of one length scale: TPE (with its options) where it runs ``isogp+tpe``."""
    choice = _plain(space, n_trials, *args, **kwargs)
    if choice.method != "isogp+tpe":
        return choice
    options = {k: v for k, v in choice.options.items() if k != "every"}
    return Choice("tpe", options, f"{choice.reason}; TPE instead (the rule before 2026-12-06)")


def _qmc_small(rule: Any, max_trials: int) -> Any:
    """``rule``'s choice, but scrambled Sobol points for budgets up to ``max_trials`` where it runs TPE."""

    def qmc(space: Any, n_trials: int | None, *args: Any, **kwargs: Any) -> Choice:
        choice = rule(space, n_trials, *args, **kwargs)
        if choice.method == "tpe" and n_trials is not None and n_trials <= max_trials:
            return Choice("qmc", {}, f"{choice.reason}; {n_trials} trials: Sobol points instead")
        return choice

    return qmc


RULES: dict[str, Any] = {
    "gp-mixed": _gp_on_mixed,
    "gp-tpe3": _interleaved(choose, 3),
    "gp-tpe3-mixed": _interleaved(_gp_on_mixed, 3),
    "gp-tpe3-after10": _interleaved(choose, 3, after=10, kinds=("continuous",)),
    "plain-ei64": _tpe_options(_plain, n_ei_candidates=64),
    "plain-qmc10": _qmc_small(_plain, 10),
    "plain-tpe": _plain_tpe,
    # 2026-12-06: a Sobol start, no repeated point, GP on mixed spaces without repeats (measured at
    # 7855c97) and a GP on scikit-learn (`plain-skgp`, `skgp`; at 8047053): not kept, their code is
    # gone; BENCHMARKS.md has the figures. Numeric values lists in order (`ordinal`, `ordinal-plain`,
    # at 4421440) became auto's rule; the same for bayes' GP (GPSampler(n_startup_trials=4) with and
    # without it) was not taken. TPE's prior_weight 3 on mixed and discrete spaces (`tpe-prior3`, at
    # 761dfc4) became auto's rule. The first trial at the centre of the space (`centre`, `plain-centre`;
    # CentreFirst in tuneflow/search/portfolio.py, sampler option `centre_first`, at ad5893b) won on the
    # design half and was level on the fresh-start half: not kept, its code is gone. GP's proposals kept
    # 2 % of each range off the bounds (`interior`; Interior in tuneflow/search/portfolio.py, at 05ce9a5)
    # lost on the design half (147 / 152 head to head at 10 and 20 trials): not chosen, not judged
    # 2026-12-06: a GP with one length scale (IsotropicGP, tuneflow/search/isotropic.py). For the first
    # trials after the random start: `iso10` / `plain-iso10` (its start drawn apart; fresh-bounds) and
    # `iso` / `plain-iso` (fresh-early; option `isotropic_until`, at 7503994); `plain-iso` was kept. Beyond
    # trial 10 with TPE every 3rd trial: `plain-isogp` (fresh-continuous), kept: it is auto-plain's rule on
    # continuous spaces (method isogp+tpe). For budgets up to 10 on the full install: `iso-small`, not
    # kept (fresh-continuous). Their rule code is gone (at c395860); BENCHMARKS.md has the figures.
    # 2026-12-06, later: the GP of one length scale on mixed, discrete and categorical spaces with
    # categoricals read as W&B reads them: `plain-isogp-mixed` (plain install; kept on fresh-mixed: it
    # is auto-plain's rule there) and `isogp-mixed` (full install; not chosen on the design half). Their
    # rule code is gone (at 321cfff); BENCHMARKS.md has the figures.
    # 2026-12-06, evening: `full-isogp`, the full install running the plain install's rule (isogp+tpe)
    # on mixed and discrete spaces and on continuous ones up to 10 trials: level on fresh-full
    # (287 / 275), not kept. Its rule code is gone (at 4b2a421); BENCHMARKS.md has the figures.
    # 2026-12-06, night: `plain-local`, the plain install's GP from trial 10 also scoring 1,000 candidates
    # around the five best trials (IsotropicGP option `local`): kept on fresh-local (316 / 235); it is
    # auto-plain's rule (isogp+tpe with local=1000). Its rule code is gone (at 5c94650).
    # 2026-12-06, late: the values the GP reads warped (tuneflow/search/warp.py, sampler option `warp`):
    # `plain-warp-power` kept on fresh-warp (auto-plain's rule: isogp+tpe with warp='power');
    # `plain-warp-rank` (design half), `warp-power` and `warp-rank` (full install, design half) not
    # chosen. Their rule code is gone (at 7210acf); BENCHMARKS.md has the figures.
}
