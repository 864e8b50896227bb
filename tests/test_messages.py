"""Editors get every message in their language: French, German or English."""

from __future__ import annotations

import string

import pytest

from godigital.messages import EDITOR_LANGUAGES, catalogue, editor_language, message


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_exists_in_every_language_with_the_same_placeholders():
    english = catalogue("en")
    for lang in EDITOR_LANGUAGES:
        assert set(catalogue(lang)) == set(english), lang
        for key, text in catalogue(lang).items():
            assert isinstance(text, str) and text.strip(), (lang, key)
            assert _placeholders(text) == _placeholders(english[key]), (lang, key)


@pytest.mark.parametrize(("environ", "expected"), [
    ({"LANG": "fr_LU.UTF-8"}, "fr"),
    ({"LANG": "de_DE.UTF-8"}, "de"),
    ({"LANG": "en_GB.UTF-8"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({}, "en"),
    ({"LANG": "fr_FR.UTF-8", "LC_ALL": "de_LU.UTF-8"}, "de"),
    ({"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "C"}, "en"),
    ({"LANG": "de_LU.UTF-8", "GODIGITAL_MESSAGES": "fr"}, "fr"),
    ({"LANG": "de_LU.UTF-8", "GODIGITAL_MESSAGES": "en"}, "en"),
])
def test_the_editors_locale_chooses_the_language_and_a_setting_forces_one(environ, expected):
    assert editor_language(environ) == expected


def test_a_message_fills_its_placeholders_in_the_chosen_language(monkeypatch):
    keys = [k for k, text in catalogue("en").items() if _placeholders(text)]
    key = keys[0]
    params = {name: f"<{name}>" for name in _placeholders(catalogue("en")[key])}
    for lang in EDITOR_LANGUAGES:
        text = message(key, lang=lang, **params)
        assert all(value in text for value in params.values())
    monkeypatch.setenv("GODIGITAL_MESSAGES", "de")
    assert message(key, **params) == message(key, lang="de", **params)
