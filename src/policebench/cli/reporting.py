"""What `gaps`, `recommend` and `report` share: resolving the place and its comparison."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from policebench import __version__
from policebench.errors import UserError
from policebench.messages import Msg
from policebench.readers.yaml import closest_then
from policebench.workspace import Workspace

#: The one default rule of gaps, recommend and report, stated in each --help.
TARGET_RULE = (
    "Targets: --target N for every indicator; else --against: 'frontier' (the default: per "
    "indicator, the best evidenced level among the peers, never the place itself), a peer's "
    "id (its evidenced levels) or 'none'; where that gives no level, the profile's own "
    "targets, then the rubric's default_target. Every target says where it came from. A "
    "level without evidence is an opinion and sets no target unless --with-opinions."
)

AgainstOpt = Annotated[
    str,
    typer.Option(
        "--against",
        "-a",
        help="'frontier' (the best evidenced level per indicator among the peers), a peer's "
        "id, or 'none' (the profile's targets, then the rubric's default).",
    ),
]
WithOpinionsOpt = Annotated[
    bool,
    typer.Option(
        "--with-opinions",
        help="Let levels without evidence (opinions) set peer and frontier targets.",
    ),
]
TargetOpt = Annotated[
    int | None,
    typer.Option(
        "--target",
        "-t",
        help="One target level for every indicator (overrides "
        "--against, the profile's targets and the rubric's default).",
        show_default=False,
    ),
]
TopOpt = Annotated[
    int | None,
    typer.Option(
        "--top", min=1, help="Plan for the N gaps with the highest impact only.", show_default=False
    ),
]
CityArg = Annotated[str, typer.Argument(help="Profile id or path of the place to assess.")]
MoreArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="More profile files or folders: more peers, or earlier assessments of the place "
        "(report shows the trend they make; gaps and recommend use the latest); @bundled = the "
        "profiles shipped with policebench.",
        show_default=False,
    ),
]
UncertaintyOpt = Annotated[
    bool,
    typer.Option(
        "--uncertainty",
        help="Show 5-95% bands beside scores and ranks (from `policebench sensitivity`).",
    ),
]
SamplesOpt = Annotated[int, typer.Option("--samples", min=1, help="Samples for --uncertainty.")]
SeedOpt = Annotated[int, typer.Option("--seed", help="Random seed for --uncertainty.")]
TemplateDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--template-dir",
        help="Folder of jinja2 templates overriding the bundled ones (same file names).",
        show_default=False,
    ),
]


if TYPE_CHECKING:
    from policebench.models import Profile
    from policebench.report.contract import PlaceReport


def provenance(ws: Workspace, ids: list[str]) -> Any:
    """The version and input hashes a report cites (file names only: stable across folders)."""
    from policebench.report.place import Provenance

    used = sorted(
        (lp.profile.id, lp.source.path.name, lp.source.sha256)
        for lp in ws.pool
        if lp.profile.id in ids
    )
    return Provenance(__version__, ws.rubric_source.path.name, ws.rubric_source.sha256, tuple(used))


def city_report(
    ws: Workspace,
    against: str,
    target: int | None,
    top: int | None,
    lang: str,
    *,
    opinions: bool = False,
) -> PlaceReport:
    """The report data of the (single) selected place, after checking the options."""
    from policebench.analysis.gaps import FRONTIER, NO_PEER
    from policebench.report.place import build_report

    if len(ws.selected) != 1:
        raise UserError(Msg("one-place"), Msg("one-place-hint"))
    city = ws.selected[0]
    if against == city.profile.id:
        raise UserError(Msg("against-itself"), Msg("against-itself-hint"))
    peer_ids = [lp.profile.id for lp in ws.peers]
    if against not in (FRONTIER, NO_PEER, *peer_ids):
        known = tuple(peer_ids) or Msg("none")
        raise UserError(
            Msg("unknown-against", id=against, peers=known),
            closest_then(against, [*peer_ids, FRONTIER, NO_PEER], Msg("unknown-against-hint")),
        )
    ids = [city.profile.id, *peer_ids]
    scale = ws.rubric.scale
    if target is not None and target not in scale.span:
        raise UserError(
            Msg("target-option-out-of-scale", level=target, min=scale.min, max=scale.max),
            Msg("target-option-out-of-scale-hint", min=scale.min, max=scale.max),
        )
    history = [lp.profile for lp in ws.history.get(city.profile.id, [])][:-1]
    _say_doubtful_peers(city.profile, [lp.profile for lp in ws.peers], ws.peer_origin, lang)
    return build_report(
        ws.rubric,
        city.profile,
        [lp.profile for lp in ws.peers],
        against=against,
        opinions=opinions,
        peer_origin=ws.peer_origin,
        target_level=target,
        top=top,
        lang=lang,
        provenance=provenance(ws, ids),
        history=history,
    )


def _say_doubtful_peers(city: Profile, peers: list[Profile], origin: str, lang: str) -> None:
    """Peers a planner may not mean to compare with, said on stderr: one with no known level
    (a template from `policebench new` left in ./cities: listed among the peers, it is not
    ranked and sets no target), and one named as the place assessed, of the same kind
    (another profile of the same place, under another id: a survey of it, say). How to
    choose others is said unless they were chosen (``origin`` "named": --peers)."""
    from policebench.cli.common import say
    from policebench.i18n import join_list, paren
    from policebench.models.base import localized

    own = {localized(city, "name", lang), city.name, city.name_zh} - {None}
    chosen = origin == "named"
    empty: list[str] = []
    for peer in peers:
        name = localized(peer, "name", lang)
        place = name if name == peer.id else name + paren(peer.id, lang)
        if not any(a.level is not None or a.value is not None for a in peer.indicators.values()):
            empty.append(place)
        elif {peer.name, peer.name_zh} & own and peer.kind == city.kind:
            advice = "" if chosen else Msg("peer-advice-alone")
            say(Msg("peer-same-name", prefix=Msg("warning-prefix"), place=place, advice=advice))
    advice = "" if chosen else Msg("peer-advice")
    if len(empty) == 1:
        say(Msg("peer-knows-nothing", prefix=Msg("warning-prefix"), place=empty[0], advice=advice))
    elif empty:  # a folder of templates: one line, not one per template
        key = "peers-know-nothing-more" if len(empty) > _LISTED else "peers-know-nothing"
        places = join_list(empty[:_LISTED], lang)
        say(Msg(key, prefix=Msg("warning-prefix"), n=len(empty), places=places, advice=advice))


#: How many peers without a known level the warning names before "…".
_LISTED = 5


def sensitivity_of(ws: Workspace, ids: list[str], samples: int, seed: int) -> Any:
    """The sensitivity result of the places ``ids`` (for --uncertainty)."""
    from policebench.analysis import sensitivity

    sensitivity.require_numpy()
    wanted = set(ids)
    cards = ws.scorecards([lp for lp in ws.pool if lp.id in wanted])
    return sensitivity.run(ws.rubric, cards, samples=samples, seed=seed)
