"""Fuzzing the loader and validation: every input ends in models or a user error, nothing else.

Three sources of input: arbitrary bytes; arbitrary structures (mappings, lists and scalars)
dumped to YAML, alone and grafted into a valid profile; and mutations of the bundled files
(bytes deleted, repeated, swapped or replaced with YAML's special characters). Each goes the
whole way a command takes it: decode, parse, build the model, check against the rubric,
evidence warnings. ``InvalidInput`` (a ``UserError``) is the only exception allowed, and every
problem it carries must be printable and located in the file.

Deterministic (``derandomize``) and bounded (``max_examples``) so that CI runs it in seconds.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policebench.errors import InvalidInput, UserError
from policebench.models import Profile, Rubric
from policebench.readers.yaml import decode, parse
from policebench.validation.build import build, check_profile, check_rubric, evidence_warnings
from policebench.workspace import bundled, load_rubric

FUZZ = settings(
    derandomize=True,
    deadline=None,
    max_examples=300,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)

RUBRIC = load_rubric(bundled("rubrics") / "smart-policing.yaml")[0]
PROFILE_BYTES = (bundled("cities") / "j-city.yaml").read_bytes()
RUBRIC_BYTES = (bundled("rubrics") / "smart-policing.yaml").read_bytes()
SPECIAL = [c.encode() for c in ":-[]{}&*!|>'\"%@`#,?\t\n \\"] + [b"\xef\xbb\xbf", b"\x00"]


def outcome(raw: bytes, kind: type[Profile] | type[Rubric] = Profile) -> str:
    """Take ``raw`` the whole way; 'model', 'invalid', never an exception of another kind."""
    try:
        doc = parse(decode(raw, "fuzz.yaml"), "fuzz.yaml")
        if kind is Rubric:
            rubric, problems = build(Rubric, doc)
            if rubric is not None:
                problems = check_rubric(rubric, doc)
        else:
            profile, problems = build(Profile, doc)
            if profile is not None:
                problems = check_profile(profile, RUBRIC, doc) + evidence_warnings(profile, doc)
    except InvalidInput as exc:
        problems = exc.problems
        assert problems, "an InvalidInput without problems"
    except UserError:  # pragma: no cover - the loader raises InvalidInput only
        raise AssertionError("a UserError without problems from the loader") from None
    for problem in problems:
        assert problem.file == "fuzz.yaml"
        assert problem.line >= 0 and problem.column >= 0
        assert problem.message and "Traceback" not in problem.message
        str(problem)  # printable
        assert problem.code != "invalid", str(problem)  # each has its code (problem-codes.md)
    errors = [p for p in problems if p.severity == "error"]
    return "invalid" if errors else "model"


@FUZZ
@given(st.binary(max_size=3000))
def test_arbitrary_bytes(raw: bytes) -> None:
    outcome(raw)


@FUZZ
@given(st.text(max_size=2000))
def test_arbitrary_text(text: str) -> None:
    outcome(text.encode("utf-8"))


SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.dates(min_value=dt.date(1, 1, 1))
)
KEYS = st.sampled_from(["id", "name", "level", "indicators", "sources", "rubric"]) | st.text(
    max_size=12
)
STRUCTURES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(KEYS | st.integers(), inner, max_size=5)
    ),
    max_leaves=25,
)


def dumped(data: Any) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True).encode("utf-8")


@FUZZ
@given(STRUCTURES)
def test_arbitrary_structures(data: Any) -> None:
    outcome(dumped(data))
    outcome(dumped(data), Rubric)


CORE_TAGS = ["!!str", "!!int", "!!float", "!!bool", "!!null", "!!timestamp", "!!map", "!!seq", "!"]


@FUZZ
@given(st.sampled_from(CORE_TAGS), st.text(max_size=40), st.booleans())
def test_explicit_core_tags_on_any_value(tag: str, value: str, quoted: bool) -> None:
    """SafeConstructor trusts its resolver: an explicit tag on a value of another kind (an
    empty `!!int`, `!!timestamp soon`) once escaped as IndexError or AttributeError."""
    shown = json.dumps(value) if quoted else value
    for text in (f"a: {tag} {shown}\n", f"a: [{tag} {shown}]\n", f"{tag} {shown}: 1\n"):
        outcome(text.encode("utf-8"))


PROFILE_DATA = yaml.safe_load(PROFILE_BYTES)
PLACES = [
    ("id",),
    ("assessed",),
    ("targets",),
    ("indicators",),
    ("indicators", "top-level-design"),
    ("indicators", "top-level-design", "level"),
    ("indicators", "top-level-design", "sources"),
    ("indicators", "specialist-headcount", "value"),
]


@FUZZ
@given(st.sampled_from(PLACES), STRUCTURES)
def test_structures_grafted_into_a_profile(place: tuple[str, ...], data: Any) -> None:
    """A valid profile with one value replaced by anything: a model or a user error."""
    profile: Any = yaml.safe_load(PROFILE_BYTES)
    holder = profile
    for key in place[:-1]:
        holder = holder.setdefault(key, {})
    holder[place[-1]] = data
    outcome(dumped(profile))


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """``original`` with a few edits of the kinds people (and broken tools) make."""
    raw = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(raw)))
        edit = draw(st.sampled_from(["delete", "insert", "repeat", "swap-lines", "truncate"]))
        if edit == "delete":
            del raw[at : at + draw(st.integers(1, 40))]
        elif edit == "insert":
            raw[at:at] = draw(st.sampled_from(SPECIAL)) * draw(st.integers(1, 3))
        elif edit == "repeat":
            raw[at:at] = raw[at : at + draw(st.integers(1, 200))]
        elif edit == "swap-lines":
            lines = bytes(raw).split(b"\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            raw = bytearray(b"\n".join(lines))
        else:
            del raw[at:]
    return bytes(raw)


@FUZZ
@given(mutated(PROFILE_BYTES))
def test_mutated_profile(raw: bytes) -> None:
    outcome(raw)


@settings(FUZZ, max_examples=80)
@given(mutated(RUBRIC_BYTES))
def test_mutated_rubric(raw: bytes) -> None:
    outcome(raw, Rubric)


def test_the_oracle_sees_both_outcomes(tmp_path: Path) -> None:
    """The helper really tells a model from an invalid file (else the tests prove nothing)."""
    assert outcome(PROFILE_BYTES) == "model"
    assert outcome(RUBRIC_BYTES, Rubric) == "model"
    assert outcome(b"id: [") == "invalid"
    assert outcome(dumped({**PROFILE_DATA, "assessed": "soon"})) == "invalid"


@settings(FUZZ, max_examples=40)
@given(mutated(PROFILE_BYTES))
def test_mutated_profile_through_the_cli(raw: bytes) -> None:
    """The same through the commands: `validate` and `score` exit 0 or 2, never a bug."""
    import tempfile

    from typer.testing import CliRunner

    from policebench.cli.app import app

    runner = CliRunner()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.yaml"
        path.write_bytes(raw)
        for args in (["validate", str(path)], ["score", str(path), "--format", "csv"]):
            result = runner.invoke(app, args)
            if result.exception is not None and not isinstance(result.exception, SystemExit):
                raise result.exception
            assert result.exit_code in (0, 2), (args, result.stderr)
