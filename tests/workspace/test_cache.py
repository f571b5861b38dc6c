"""The validated-input cache: same answers with and without it, and never a wrong one."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from policebench.cli.app import app
from policebench.models import Profile, Rubric
from policebench.scoring import score
from policebench.workspace import bundled, cache
from policebench.workspace.reading import read_profiles

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv(cache.DIR_VARIABLE, str(where))
    monkeypatch.delenv(cache.OFF_VARIABLE, raising=False)
    return where


def _entries(where: Path) -> int:
    with sqlite3.connect(where / cache.FILE_NAME) as db:
        return int(db.execute("SELECT count(*) FROM profiles").fetchone()[0])


def _profiles(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "cities"
    shutil.copytree(bundled("cities"), folder)
    return sorted(folder.glob("*.yaml"))


def _reads(paths: list[Path]) -> list[tuple[object, ...]]:
    """What a reader gives, in a form to compare: profile, warnings, raw id and rubric."""
    return [
        (
            r.loaded.profile.model_dump() if r.loaded else None,
            r.loaded.source.sha256 if r.loaded else None,
            [str(p) for p in r.problems],
            [(p.code, p.severity) for p in r.problems],
            r.raw_id,
            r.raw_rubric,
        )
        for r in read_profiles(paths, None)
    ]


def test_a_second_read_comes_from_the_cache_and_is_the_same(
    own_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _profiles(tmp_path)
    first = _reads(paths)
    assert _entries(own_cache) == len(paths)
    # Warm: nothing is parsed (a parse would fail loudly here), the answers are the same.
    import policebench.workspace.reading as reading

    def no_parse(*args: object, **kwargs: object) -> object:
        raise AssertionError("a cached file was parsed again")

    monkeypatch.setattr(reading, "_read_profile", no_parse)
    assert _reads(paths) == first


def test_a_cache_holding_nothing_under_this_code_hashes_no_file_to_look_up(
    own_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new cache, or the first run after an upgrade (entries under another code's
    fingerprint): the files are hashed by their readers only, and the second run finds them."""
    paths = _profiles(tmp_path)
    hashed: list[Path] = []
    real = cache.sha_of_file
    monkeypatch.setattr(cache, "sha_of_file", lambda path: hashed.append(path) or real(path))
    first = _reads(paths)
    assert hashed == []
    assert _reads(paths) == first and len(hashed) == len(paths)
    monkeypatch.setattr(cache, "fingerprint", lambda: "another-version")
    hashed.clear()
    assert _reads(paths) == first and hashed == []


def test_warnings_are_the_same_with_and_without_the_cache(
    own_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A profile with read-as warnings (level ２, confidence 中) and a level without evidence."""
    text = (bundled("cities") / "j-city.yaml").read_text("utf-8")
    text = text.replace("level: 1\n", "level: ２\n", 1).replace(
        "confidence: low", "confidence: 低", 1
    )
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv(cache.OFF_VARIABLE, "1")
    without = _reads([path])
    monkeypatch.delenv(cache.OFF_VARIABLE)
    cold, warm = _reads([path]), _reads([path])
    assert without == cold == warm
    assert any(code in ("level-form", "confidence-form") for code, _ in without[0][3])


def test_the_file_name_of_a_warning_is_where_the_file_is_now(
    own_cache: Path, tmp_path: Path
) -> None:
    text = (
        (bundled("cities") / "j-city.yaml")
        .read_text("utf-8")
        .replace("level: 1\n", "level: ２\n", 1)
    )
    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    one.write_text(text, encoding="utf-8")
    two.write_text(text, encoding="utf-8")
    _reads([one])
    (warned,) = _reads([two])
    assert all("two.yaml" in line and "one.yaml" not in line for line in warned[2])


def test_a_changed_file_is_read_again(own_cache: Path, tmp_path: Path) -> None:
    paths = _profiles(tmp_path)
    _reads(paths)
    target = paths[0]
    text = target.read_text("utf-8")
    target.write_text(text.replace("name: ", "name: Changed ", 1), encoding="utf-8")
    (after,) = _reads([target])
    assert after[0] is not None and str(after[0]["name"]).startswith("Changed")


def test_a_broken_cache_is_replaced_never_an_error(
    own_cache: Path, tmp_path: Path, runner: CliRunner
) -> None:
    paths = _profiles(tmp_path)
    expected = _reads(paths)
    store = own_cache / cache.FILE_NAME
    store.write_bytes(b"this is not a database" * 100)
    assert _reads(paths) == expected  # corrupted: rebuilt
    assert _entries(own_cache) == len(paths)
    store.write_bytes(store.read_bytes()[:100])  # truncated
    assert _reads(paths) == expected


def test_a_tampered_entry_is_validated_again_not_trusted(own_cache: Path, tmp_path: Path) -> None:
    paths = _profiles(tmp_path)
    expected = _reads(paths)
    with sqlite3.connect(own_cache / cache.FILE_NAME) as db:
        db.execute("UPDATE profiles SET profile = '{\"id\": 5}', warnings = 'not json'")
    assert _reads(paths) == expected


def test_a_foreign_table_is_refused_and_the_cache_rebuilt(own_cache: Path, tmp_path: Path) -> None:
    own_cache.mkdir(parents=True)
    with sqlite3.connect(own_cache / cache.FILE_NAME) as db:
        db.execute("CREATE TABLE profiles (key TEXT, other TEXT)")
    paths = _profiles(tmp_path)
    assert [r[0] for r in _reads(paths)] == [r[0] for r in _reads(paths)]
    assert _entries(own_cache) == len(paths)


def test_the_files_of_earlier_layouts_are_removed_when_the_current_one_is_made(
    own_cache: Path, tmp_path: Path
) -> None:
    own_cache.mkdir(parents=True)
    old = [own_cache / f"validated-v2.sqlite3{suffix}" for suffix in ("", "-wal", "-shm")]
    for path in old:
        path.write_bytes(b"an earlier layout")
    mine = own_cache / "notes.txt"  # not a cache file: left alone
    mine.write_text("kept", encoding="utf-8")
    paths = _profiles(tmp_path)
    _reads(paths)
    assert not any(path.exists() for path in old)
    assert _entries(own_cache) == len(paths)
    assert mine.read_text(encoding="utf-8") == "kept"


def test_an_unwritable_cache_folder_is_no_cache(own_cache: Path, tmp_path: Path) -> None:
    own_cache.parent.mkdir(parents=True, exist_ok=True)
    own_cache.write_text("a file where the folder should be", encoding="utf-8")
    paths = _profiles(tmp_path)
    assert len(_reads(paths)) == len(paths)


def test_off_switches(
    own_cache: Path, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _profiles(tmp_path)
    result = runner.invoke(app, ["--no-cache", "score", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert not (own_cache / cache.FILE_NAME).exists()
    monkeypatch.setenv(cache.OFF_VARIABLE, "1")
    assert not cache.enabled()
    monkeypatch.setenv(cache.OFF_VARIABLE, "0")
    assert cache.enabled()


def test_problems_of_every_command_are_the_same_cold_and_warm(
    own_cache: Path, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """validate over the invalid fixtures and the bundled data, and score's JSON."""
    monkeypatch.chdir(tmp_path)
    _profiles(tmp_path)
    fixtures = ROOT / "tests" / "fixtures" / "invalid"
    runs = []
    for _ in range(2):
        checked = runner.invoke(app, ["validate", str(fixtures), "cities"])
        scored = runner.invoke(app, ["score", "--format", "json"])
        runs.append(
            (checked.exit_code, checked.output, scored.exit_code, json.loads(scored.stdout))
        )
    assert runs[0] == runs[1]
    assert _entries(own_cache) >= 4


def test_a_cached_warning_is_worded_in_either_language() -> None:
    """Warnings come back from the cache as catalogue messages, not as their English."""
    from policebench.messages import Msg, text
    from policebench.problems import Problem

    warning = Problem(
        "old.yaml",
        7,
        12,
        Msg(
            "read-as",
            subject=Msg("subject-name", name="level"),
            typed="２",
            how=Msg("how-fullwidth-digits"),
            shown="2",
        ),
        Msg("write-as", key="level", value="2", how=Msg("how-in-halfwidth")),
        "level-form",
        "warning",
    )
    stored = cache.entry_of("{}", [warning], "x", "y")
    row = cache._entry("{}", json.dumps(stored.warnings), "x", "y", "x", "2026-01-01")
    assert row is not None
    (back,) = row.problems("new.yaml")
    assert back.render("en") == warning.render("en").replace("old.yaml", "new.yaml")
    assert text(back.message, "zh") == "'level' 为 '２'（全角数字），已读作 2"
    # A row naming a message this catalogue lacks is a miss, not an error.
    foreign = [{**stored.warnings[0], "message": {"msg": "no-such-message", "args": {}}}]
    assert cache._entry("{}", json.dumps(foreign), "x", "y", "x", "2026-01-01") is None


# --------------------------------------------------------------------------- scorecards

_LEVEL = st.none() | st.integers(0, 4)


@st.composite
def _assessments(draw: st.DrawFn, rubric: Rubric) -> Profile:
    """A profile of the bundled rubric with any mix of levels, unknowns, n/a, values,
    confidences, evidence and sources."""
    indicators: dict[str, Any] = {}
    for ind_id, indicator in rubric.indicators.items():
        if not draw(st.booleans()):
            continue  # not assessed at all
        if indicator.allow_not_applicable and draw(st.integers(0, 5)) == 0:
            indicators[ind_id] = {"applicable": False, "reason": "not here"}
            continue
        entry: dict[str, Any] = {"level": draw(_LEVEL)}
        if indicator.kind == "metric" and draw(st.booleans()):
            entry = {"value": draw(st.floats(0, 1e6, allow_nan=False))}
        entry["confidence"] = draw(st.sampled_from([None, "high", "medium", "low"]))
        if draw(st.booleans()):
            entry["evidence"] = "seen"
        if draw(st.booleans()):  # dated or not: an old one makes the level stale
            source = {"title": "A notice", "reliability": "primary"}
            when = draw(st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2026, 3, 1)))
            entry["sources"] = [source if when is None else {**source, "date": when}]
        indicators[ind_id] = entry
    return Profile.model_validate(
        {
            "id": "somewhere",
            "name": "Somewhere",
            "rubric": rubric.id,
            "assessed": "2026-03-01",
            "indicators": indicators,
        }
    )


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_kept_scorecard_reads_back_as_the_card_it_was(
    rubric: Rubric, data: st.DataObject
) -> None:
    card = score(rubric, data.draw(_assessments(rubric)))
    assert cache.card_of(cache.card_text(card), rubric) == card


def test_every_bundled_card_reads_back_as_itself(
    rubric: Rubric, profiles: dict[str, Profile]
) -> None:
    for profile in profiles.values():
        card = score(rubric, profile)
        assert cache.card_of(cache.card_text(card), rubric) == card, profile.id


def test_a_kept_card_of_another_shape_is_not_taken(
    rubric: Rubric, profiles: dict[str, Profile]
) -> None:
    """Whatever a row holds that this code would not have written is a miss (scored afresh)."""
    card = score(rubric, profiles["j-city"])
    kept = json.loads(cache.card_text(card))
    assert cache.card_of(json.dumps(kept), rubric) == card

    def changed(edit: Callable[[list[Any]], object]) -> str:
        row = json.loads(cache.card_text(card))
        edit(row)
        return json.dumps(row)

    # The kept row: id, name, Chinese name, date, overall, coverage, reasons, dims, indicators.
    date, overall, reasons, dims, inds = 3, 4, 6, 7, 8
    shapes = [
        "not json",
        "[1, 2]",
        "{}",
        changed(lambda row: row[inds].pop()),  # an indicator missing
        changed(lambda row: row[inds].reverse()),  # not in rubric order
        changed(lambda row: row[inds][0].__setitem__(3, True)),  # a bool for a level
        changed(lambda row: row[inds][0].__setitem__(3, "2")),  # text for a level
        changed(lambda row: row[dims][0].__setitem__(2, 5)),  # an int where scores are floats
        changed(lambda row: row[reasons].append("rumour")),  # a reason this code never gives
        changed(lambda row: row.__setitem__(date, "the 3rd of May")),  # not a date
        changed(lambda row: row.__setitem__(overall, "high")),
        changed(lambda row: row.__setitem__(2, 7)),  # a number for the Chinese name
        changed(lambda row: row.pop()),
    ]
    for text in shapes:
        assert cache.card_of(text, rubric) is None, text
    other = rubric.model_copy(update={"dimensions": rubric.dimensions[:-1]})
    assert cache.card_of(cache.card_text(card), other) is None  # another rubric's card


def _score_twice(runner: CliRunner, *args: str) -> tuple[str, str]:
    runs = []
    for _ in range(2):
        result = runner.invoke(app, ["score", "--format", "json", *args])
        assert result.exit_code == 0, result.output
        runs.append(result.stdout)
    return runs[0], runs[1]


def test_warm_score_validates_no_profile_and_scores_none_again(
    own_cache: Path, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _profiles(tmp_path)
    cold = runner.invoke(app, ["score", "--format", "json"])
    assert cold.exit_code == 0, cold.output
    import policebench.workspace as workspace

    def refused(*args: object, **kwargs: object) -> object:
        raise AssertionError("a cached profile was validated or scored again")

    monkeypatch.setattr(Profile, "model_validate_json", refused)
    monkeypatch.setattr(workspace, "score", refused)
    warm = runner.invoke(app, ["score", "--format", "json"])
    assert warm.exit_code == 0, warm.output
    assert warm.stdout == cold.stdout
    monkeypatch.undo()  # and without the cache, the same
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(cache.OFF_VARIABLE, "1")
    assert runner.invoke(app, ["score", "--format", "json"]).stdout == cold.stdout


def _parts(where: Path) -> int:
    with sqlite3.connect(where / cache.FILE_NAME) as db:
        return int(db.execute("SELECT count(*) FROM score_json").fetchone()[0])


@pytest.mark.parametrize("args", [(), ("j-city", "hangzhou"), ("qingdao", "--peers", "@bundled")])
def test_a_warm_json_run_joins_the_kept_parts_and_revives_no_card(
    own_cache: Path,
    tmp_path: Path,
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
) -> None:
    """The first run keeps cards; the second the places' parts of the JSON; the third joins
    those and revives no card. All three, and a run without the cache, print the same."""
    monkeypatch.chdir(tmp_path)
    _profiles(tmp_path)
    first, second = _score_twice(runner, *args)
    assert _parts(own_cache) > 0 and first == second

    def refused(*args: object, **kwargs: object) -> object:
        raise AssertionError("a kept card was revived")

    monkeypatch.setattr(cache, "card_of", refused)
    third = runner.invoke(app, ["score", "--format", "json", *args])
    assert third.exit_code == 0, third.output
    assert third.stdout == first
    monkeypatch.undo()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(cache.OFF_VARIABLE, "1")
    assert runner.invoke(app, ["score", "--format", "json", *args]).stdout == first


@pytest.mark.parametrize(
    "tampering",
    [
        # the parts gone too, or the run would join them and never read a card
        "UPDATE scorecards SET card = '[\"j-city\", 5]'; DELETE FROM score_json",
        "UPDATE score_json SET overall = 'high', head = 1",  # a part of another shape
    ],
)
def test_a_tampered_card_or_part_is_scored_afresh(
    own_cache: Path,
    tmp_path: Path,
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    tampering: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    _profiles(tmp_path)
    cold, _ = _score_twice(runner)
    with sqlite3.connect(own_cache / cache.FILE_NAME) as db:
        db.executescript(tampering)
    (warm, again) = _score_twice(runner)
    assert warm == again == cold


def test_a_changed_rubric_scores_every_place_again(
    own_cache: Path, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _profiles(tmp_path)
    (tmp_path / "rubrics").mkdir()
    mine = tmp_path / "rubrics" / "smart-policing.yaml"
    text = (bundled("rubrics") / "smart-policing.yaml").read_text("utf-8")
    mine.write_text(text, encoding="utf-8")
    before, _ = _score_twice(runner)
    assert "weight: 1.5" in text
    mine.write_text(text.replace("weight: 1.5", "weight: 3.0", 1), encoding="utf-8")
    after, again = _score_twice(runner)
    monkeypatch.setenv(cache.OFF_VARIABLE, "1")
    fresh, _ = _score_twice(runner)
    assert after == again == fresh != before


def test_a_profile_whose_kept_json_is_gone_by_then_is_read_from_its_file(
    own_cache: Path, tmp_path: Path
) -> None:
    """The JSON is fetched only when a model is asked for: gone by then (another command
    pruned the cache), the file is read instead."""
    paths = _profiles(tmp_path)
    expected = _reads(paths)
    warm = read_profiles(paths, None)
    with sqlite3.connect(own_cache / cache.FILE_NAME) as db:
        db.execute("DELETE FROM profiles")
    profiles = [r.loaded.profile.model_dump() for r in warm if r.loaded is not None]
    assert profiles == [r[0] for r in expected if r[0] is not None]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(n=st.integers(1, 300), data=st.data())
def test_kept_json_is_fetched_in_doubling_batches_each_row_once(
    n: int, data: st.DataObject, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In any order of asking, each profile's JSON is fetched once and comes back once;
    asking for k of n takes at most k queries and at most log2(n) + 1, which fetch at most
    2**k - 1 rows (a warm ``score`` that checks 4 profiles again fetches 15, not 3,000)."""
    keys = [f"k{i}" for i in range(n)]
    fetched: list[list[str]] = []

    def payloads(self: cache.Store, asked: list[str]) -> dict[str, str]:
        fetched.append(list(asked))
        return {key: f"json of {key}" for key in asked}

    monkeypatch.setattr(cache.Store, "payloads", payloads)
    order = data.draw(st.permutations(keys))
    asked = order[: data.draw(st.integers(1, n))]
    payloads_of = cache.Payloads(keys)
    assert [payloads_of.take(key) for key in asked] == [f"json of {key}" for key in asked]
    assert payloads_of.take(asked[0]) is None  # let go of once taken
    rows = [key for batch in fetched for key in batch]
    assert len(rows) == len(set(rows)) <= 2 ** len(fetched) - 1
    assert len(fetched) <= min(len(asked), n.bit_length())


# ------------------------------------------------------------------------ kept rubrics

_RUBRICS = [
    bundled("rubrics") / "smart-policing.yaml",
    ROOT / "tests" / "fixtures" / "valid" / "rubric-minimal.yaml",
    ROOT / "tests" / "fixtures" / "rubric-v0.9.yaml",
]


@pytest.mark.parametrize("path", _RUBRICS, ids=lambda p: p.name)
def test_a_kept_rubric_reads_back_as_the_rubric_validated(path: Path) -> None:
    """The same model, field for field and type for type (repr tells 2 from 2.0, and the
    JSON an int key from a text one), without pydantic validating it again."""
    from policebench.workspace.inputs import read_input

    validated = Rubric.model_validate(read_input(path)[0].data)
    kept = cache.rubric_of(validated.model_dump_json())
    assert kept == validated
    assert repr(kept) == repr(validated)
    assert kept is not None and kept.model_dump_json() == validated.model_dump_json()
    assert kept.indicators.keys() == validated.indicators.keys()


def test_a_kept_rubric_is_made_without_building_a_validator(tmp_path: Path) -> None:
    """What the kept rubric saves: pydantic builds the rubric's validator on first use
    (``defer_build``); a rubric from the cache never uses it (a fresh process tells)."""
    import subprocess
    import sys

    kept = tmp_path / "rubric.json"
    kept.write_text(_kept_rubric_json_text(), encoding="utf-8")
    code = (
        "import sys; from pathlib import Path; from policebench.models import Rubric; "
        "from policebench.workspace import cache; "
        "r = cache.rubric_of(Path(sys.argv[1]).read_text('utf-8')); "
        "print(r is not None and r.id, Rubric.__pydantic_complete__)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(kept)], capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["smart-policing", "False"]


def _kept_rubric_json_text() -> str:
    from policebench.workspace.inputs import read_input

    path = bundled("rubrics") / "smart-policing.yaml"
    return Rubric.model_validate(read_input(path)[0].data).model_dump_json()


def _kept_rubric_json() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_kept_rubric_json_text())
    return data


def _tampered(change: Callable[[dict[str, Any]], object]) -> str:
    data = _kept_rubric_json()
    change(data)
    return json.dumps(data)


@pytest.mark.parametrize(
    "text",
    [
        "",
        '{"id": "x"',  # truncated
        "[]",
        _tampered(lambda d: d.update(extra=1)),  # a key too many
        _tampered(lambda d: d.pop("stages")),  # one missing
        _tampered(lambda d: d.update(default_target="3")),  # text for an int
        _tampered(lambda d: d.update(default_target=True)),  # a bool is not a level
        _tampered(lambda d: d.update(provisional_below=None)),  # null where none is allowed
        _tampered(lambda d: d["scale"]["levels"].update({"01": "x"})),  # not a key JSON writes
        _tampered(lambda d: d["dimensions"][0].update(weight="1")),
        _tampered(lambda d: d["dimensions"][0]["indicators"][0].update(kind="other")),
        _tampered(lambda d: d["dimensions"][0]["indicators"][0].update(evidence="one")),
        _tampered(lambda d: d["stages"].append(5)),
    ],
)
def test_a_kept_rubric_of_another_shape_is_not_taken(text: str) -> None:
    assert cache.rubric_of(text) is None


def test_a_kept_rubric_is_used_and_a_changed_one_read_again(
    own_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from policebench.workspace import inputs

    mine = tmp_path / "rubric.yaml"
    text = (bundled("rubrics") / "smart-policing.yaml").read_text("utf-8")
    mine.write_text(text, encoding="utf-8")
    first, source, _ = inputs.load_rubric(mine)
    built = []
    real_build = inputs.build
    monkeypatch.setattr(inputs, "build", lambda *a: built.append(a) or real_build(*a))
    again, again_source, doc = inputs.load_rubric(mine)
    assert (again, again_source) == (first, source) and built == []
    assert doc.data["id"] == first.id  # its document, read when asked for
    mine.write_text(text.replace("weight: 1.5", "weight: 3.0", 1), encoding="utf-8")
    changed, _, _ = inputs.load_rubric(mine)
    assert len(built) == 1 and changed != first


def test_a_kept_rubric_keeps_its_warnings(
    own_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rubric's warnings (none of today's checks gives one: one is added here) are shown
    on every run, placed in the file as it is named now, cached or not."""
    from policebench.messages import Msg
    from policebench.workspace import inputs

    def warns(rubric: Rubric, doc: Any) -> list[Any]:
        return [doc.problem(("id",), Msg("file-empty"), code="empty", severity="warning")]

    monkeypatch.setattr(inputs, "check_rubric", warns)
    mine = tmp_path / "rubric.yaml"
    shutil.copy(bundled("rubrics") / "smart-policing.yaml", mine)
    _, cold, _ = inputs.load_rubric(mine)
    moved = tmp_path / "moved.yaml"
    mine.rename(moved)
    _, warm, _ = inputs.load_rubric(moved)
    assert [str(p) for p in cold.warnings] == [
        str(p).replace("moved", "rubric") for p in warm.warnings
    ]
    assert [(p.line, p.column, p.severity) for p in warm.warnings] == [
        (p.line, p.column, "warning") for p in cold.warnings
    ]
    assert "moved.yaml" in str(warm.warnings[0])
    with sqlite3.connect(own_cache / cache.FILE_NAME) as db:
        assert db.execute("SELECT count(*) FROM rubrics").fetchone() == (1,)


def test_a_tampered_kept_rubric_is_validated_again(own_cache: Path, tmp_path: Path) -> None:
    from policebench.workspace import inputs

    mine = tmp_path / "rubric.yaml"
    shutil.copy(bundled("rubrics") / "smart-policing.yaml", mine)
    expected = inputs.load_rubric(mine)[:2]
    with sqlite3.connect(own_cache / cache.FILE_NAME) as db:
        db.execute("UPDATE rubrics SET rubric = '{\"id\": 5}', warnings = '[]'")
    assert inputs.load_rubric(mine)[:2] == expected


# ------------------------------------------------------- profiles kept from a thread (Behind)


def test_fresh_profiles_are_kept_from_a_thread_done_when_the_workspace_is_open(
    own_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from policebench.workspace import open_workspace

    paths = _profiles(tmp_path)
    writers: list[str] = []
    put = cache.Store.put

    def recorded(self: cache.Store, entries: dict[str, cache.Entry]) -> None:
        writers.append(threading.current_thread().name)
        put(self, entries)

    monkeypatch.setattr(cache.Store, "put", recorded)
    ws = open_workspace([str(p) for p in paths], keep_models=False)
    assert writers == ["policebench-cache"]
    # Waited for: every profile is in the cache when open_workspace returns.
    assert _entries(own_cache) == len(paths) == len(ws.selected)
    assert threading.active_count() == 1


def test_a_failure_in_the_writing_thread_is_raised_where_the_block_ends(
    own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: cache.Store, entries: dict[str, cache.Entry]) -> None:
        raise RuntimeError("a bug in the writer")

    monkeypatch.setattr(cache.Store, "put", broken)
    entry = cache.entry_of("{}", [], None, None, "x", "2026-01-01")
    with pytest.raises(RuntimeError, match="a bug in the writer"), cache.Behind() as behind:
        behind.put({"k": entry})
        behind.start()
    # The block's own error comes first: the writer's is not raised over it.
    with pytest.raises(KeyError), cache.Behind() as behind:
        behind.put({"k": entry})
        raise KeyError("the block's own")


def test_what_was_put_is_written_when_the_block_ends_even_unstarted(own_cache: Path) -> None:
    entry = cache.entry_of("{}", [], None, None, "x", "2026-01-01")
    with pytest.raises(ValueError), cache.Behind() as behind:
        behind.put({"k": entry})
        raise ValueError("say, no rubric found")
    assert _entries(own_cache) == 1
    with cache.Behind() as behind:  # nothing put: no thread, no cache file touched
        behind.start()
    assert _entries(own_cache) == 1
