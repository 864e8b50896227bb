"""The lock file installs the same way on any machine, and CI runs the actions' code that was reviewed."""

from __future__ import annotations

import re

import pytest
import yaml

from tests.conftest import ROOT


def test_the_lock_file_names_no_package_source_of_one_machine():
    lines = (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
    options = [line for line in lines if line.startswith("-")]
    assert not options, f"requirements.lock carries machine-specific options: {options}"
    assert any(line.startswith("mkdocs==") for line in lines)


# -----------------------------------------------------------------------------
# GitHub Actions: pinned by commit, a tag can be moved to other code
# -----------------------------------------------------------------------------

PINNED = re.compile(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}")
USES_LINE = re.compile(r"^\s*(?:-\s*)?uses:\s*(?P<ref>\S+)(?P<rest>.*)$")
VERSION_COMMENT = re.compile(r"\s+#\s*v\d+(\.\d+)*\s*$")


def unpinned_actions(workflow: str) -> list[str]:
    """Every ``uses:`` that is not ``owner/repo@<40 hex>  # vX.Y.Z``; local actions (./) are the repository's own."""
    found = []
    for number, line in enumerate(workflow.splitlines(), start=1):
        match = USES_LINE.match(line)
        if match is None:
            continue
        ref = match["ref"].strip("'\"")
        if ref.startswith("./"):
            continue
        if not PINNED.fullmatch(ref) or not VERSION_COMMENT.fullmatch(match["rest"]):
            found.append(f"line {number}: {line.strip()}")
    return found


def _workflows():
    return sorted((ROOT / ".github/workflows").glob("*.y*ml"))


def test_the_project_has_workflows_to_check():
    assert _workflows()


@pytest.mark.parametrize("workflow", _workflows(), ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_commit_with_its_version_named(workflow):
    text = workflow.read_text(encoding="utf-8")
    steps = [step for job in yaml.safe_load(text)["jobs"].values() for step in job.get("steps", [])]
    assert len([step for step in steps if "uses" in step]) == text.count("uses:"), "a 'uses:' the check cannot see"
    assert not unpinned_actions(text), f"{workflow.name}: pin these by commit SHA, version in a comment"


@pytest.mark.parametrize("line", [
    "      - uses: actions/checkout@v4",
    "      - uses: actions/checkout@main",
    "      - uses: actions/checkout@11d5960a326750d5838078e36cf38b85af677262",
    "        uses: actions/deploy-pages@d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e # latest",
    "      - uses: actions/checkout@11d5960a326750d5838078e36cf38b8",
])
def test_the_check_catches_a_movable_or_unnamed_reference(line):
    assert unpinned_actions(line) == [f"line 1: {line.strip()}"]


def test_the_check_accepts_a_pinned_action_and_a_local_one():
    assert not unpinned_actions(
        "      - uses: actions/checkout@11d5960a326750d5838078e36cf38b85af677262 # v4.4.0\n"
        "      - uses: ./.github/actions/local\n")
