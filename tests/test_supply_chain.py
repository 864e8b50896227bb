"""The lock file installs the same way on any machine."""

from __future__ import annotations

from tests.conftest import ROOT


def test_the_lock_file_names_no_package_source_of_one_machine():
    lines = (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
    options = [line for line in lines if line.startswith("-")]
    assert not options, f"requirements.lock carries machine-specific options: {options}"
    assert any(line.startswith("mkdocs==") for line in lines)
