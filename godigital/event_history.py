"""Changes to the events file that subscribers would never see.

Calendar apps take an event's new version only when its ``updated`` moves
forward (it becomes the feed's SEQUENCE and LAST-MODIFIED), and they show a
cancellation only when the event stays in the feed with ``status:
cancelled``. ``history_problems`` compares two versions of the file, as
events (so re-indenting or editing comments changes nothing), and reports
an event changed without a newer ``updated`` and an event deleted instead of
cancelled. ``committed_text`` gives the version of the last commit.
"""

from __future__ import annotations

import dataclasses
import subprocess
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from godigital import languages as site_languages
from godigital.events import Event, EventDataError, Problem, parse_events
from godigital.messages import message
from godigital.yaml_lines import YAML_LOADER

LUXEMBOURG = ZoneInfo("Europe/Luxembourg")


def history_problems(old_text: str, new_text: str, file: str = "data/events.yaml",
                     now: datetime | None = None,
                     announced: Mapping[str, tuple[str, int]] | None = None, *,
                     languages: Sequence[str], old_languages: Sequence[str] | None = None) -> list[Problem]:
    """What subscribers would miss going from ``old_text`` to ``new_text``.

    ``old_text`` is read with the site's languages when it was committed
    (``old_languages``, see ``languages_at``), ``new_text`` with today's: a
    language added since has no texts in the old version, and the two are
    compared on the languages both have. ``announced`` lists the events any
    earlier commit held (id → commit and line, see ``announced_events``): one
    deleted and committed before is still missed by subscribers. Nothing is
    reported when the new version has mistakes of its own (``parse_events``
    reports them first) or when the old one cannot be read at all.
    """
    old_languages = tuple(old_languages or languages)
    try:
        old = {event.id: event for event in parse_events(old_text, file, languages=old_languages)}
        new = {event.id: event for event in parse_events(new_text, file, languages=languages)}
    except EventDataError:
        return []
    shared, known = set(old_languages) & set(languages), set(old_languages) | set(languages)
    problems = _deleted_earlier(announced or {}, old, new, new_text, file)
    if old_text == new_text:
        return problems
    example = f"{(now or datetime.now(LUXEMBOURG)).astimezone(LUXEMBOURG):%Y-%m-%dT%H:%M}"
    updated_lines = _updated_lines(new_text)
    for event_id, event in new.items():
        before = old.get(event_id)
        if before is None:
            continue
        line = updated_lines.get(event_id, event.line)
        if before.updated is not None and event.updated is None:
            problems.append(Problem(file, line, message("updated_removed", now=example), event_id, "updated"))
        elif (_content(before, shared, known) != _content(event, shared, known)
              and not _moved_forward(_instant(before.updated), _instant(event.updated))):
            if event.updated is None:
                text = message("updated_missing", now=example)
            else:
                text = message("updated_not_moved", updated=_local(_instant(event.updated)),
                               previous=_local(_instant(before.updated)), now=example)
            problems.append(Problem(file, line, text, event_id, "updated"))
    for event_id, before in old.items():
        if event_id not in new:
            problems.append(Problem(file, _events_line(new_text), message("event_deleted", id=event_id,
                                                                          old_line=before.line), event_id))
    return sorted(problems, key=lambda p: p.line)


def committed_languages(project_dir: Path | str, languages: Sequence[str],
                        config_file: str = "mkdocs.yml") -> tuple[str, ...]:
    """The site's languages in the last commit's ``config_file`` (``languages`` without one)."""
    return _configured(committed_text(project_dir, config_file), languages)


def _configured(config: str | None, languages: Sequence[str]) -> tuple[str, ...]:
    try:
        return site_languages.from_text(config).codes if config is not None else tuple(languages)
    except (ValueError, yaml.YAMLError):
        return tuple(languages)


def committed_text(project_dir: Path | str, path: str) -> str | None:
    """``path`` (relative to the project) as the last commit has it; None outside git or for a new file."""
    try:
        result = subprocess.run(["git", "show", f"HEAD:./{path}"], cwd=project_dir,
                                capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    try:
        return result.stdout.decode("utf-8")
    except UnicodeDecodeError:
        return None


def announced_events(project_dir: Path | str, path: str, *, languages: Sequence[str],
                     config_file: str = "mkdocs.yml") -> dict[str, tuple[str, int]]:
    """Every event any commit's version of ``path`` held: id → (commit, line), the latest commit that had it.

    Each version is read with the site's languages in that commit's ``config_file``
    (``languages`` when it has none). Empty outside git. All versions are read
    through one ``git cat-file`` process.
    """
    try:
        log = subprocess.run(["git", "log", "--format=%h", "--", path], cwd=project_dir,
                             capture_output=True, text=True, timeout=30)
        commits = log.stdout.split() if log.returncode == 0 else []
        if not commits:
            return {}
        batch = subprocess.run(["git", "cat-file", "--batch"], cwd=project_dir, capture_output=True, timeout=60,
                               input="".join(f"{commit}:./{name}\n" for commit in commits
                                             for name in (path, config_file)).encode())
    except (OSError, subprocess.SubprocessError):
        return {}
    blobs = _batch_texts(batch.stdout)
    announced: dict[str, tuple[str, int]] = {}
    for commit, text, config in zip(commits, blobs[0::2], blobs[1::2], strict=False):
        if text is None:
            continue  # a commit that deleted the file: it held no events
        try:
            events = parse_events(text, languages=_configured(config, languages))
        except EventDataError:
            continue  # a version with mistakes never reached subscribers
        for event in events:
            announced.setdefault(event.id, (commit, event.line))  # newest first
    return announced


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def _deleted_earlier(announced: Mapping[str, tuple[str, int]], old: Mapping[str, Event],
                     new: Mapping[str, Event], new_text: str, file: str) -> list[Problem]:
    """Events an earlier commit held that are gone (those of the last commit are reported apart)."""
    return [
        Problem(file, _events_line(new_text),
                message("event_deleted_earlier", id=event_id, commit=commit, old_line=line, file=file), event_id)
        for event_id, (commit, line) in announced.items()
        if event_id not in new and event_id not in old
    ]


def _batch_texts(output: bytes) -> list[str | None]:
    """The blobs of ``git cat-file --batch`` output, in order; None for a missing one."""
    texts: list[str | None] = []
    position = 0
    while position < len(output):
        end = output.index(b"\n", position)
        header = output[position:end].split()
        position = end + 1
        if len(header) < 3 or header[-1] == b"missing":
            texts.append(None)
            continue
        size = int(header[2])
        texts.append(output[position:position + size].decode("utf-8", errors="replace"))
        position += size + 1
    return texts


def _content(event: Event, shared: set[str], known: set[str]) -> object:
    """What subscribers see of an event in the ``shared`` languages: its fields but ``updated``,
    each text per language (a mapping whose keys are ``known`` languages) cut down to those."""
    def cut(value: object) -> object:
        if isinstance(value, dict):
            if value and set(value) <= known and all(isinstance(text, str) for text in value.values()):
                return {key: text for key, text in value.items() if key in shared}
            return {key: cut(item) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return [cut(item) for item in value]
        return value

    return cut(dataclasses.asdict(dataclasses.replace(event, updated=None)))


def _moved_forward(before: datetime | None, after: datetime | None) -> bool:
    """Later by at least a minute: calendars compare SEQUENCE, counted in minutes."""
    if after is None:
        return False
    if before is None:
        return True
    return after.replace(second=0, microsecond=0) > before.replace(second=0, microsecond=0)


def _instant(moment: date | None) -> datetime | None:
    """``updated`` as the events model gives it: a moment (a date written alone is its midnight)."""
    if moment is None or isinstance(moment, datetime):
        return moment
    return datetime.combine(moment, time(0), LUXEMBOURG)


def _local(moment: datetime | None) -> str:
    return f"{moment.astimezone(LUXEMBOURG):%Y-%m-%dT%H:%M}" if moment else "-"


def _updated_lines(text: str) -> dict[str, int]:
    """The line of each event's ``updated:`` (or of its ``- id:``), by id."""
    lines: dict[str, int] = {}
    root = yaml.compose(text, Loader=YAML_LOADER)
    events = next((value for key, value in getattr(root, "value", []) if getattr(key, "value", None) == "events"),
                  None)
    for item in getattr(events, "value", None) or []:
        fields = {key.value: (key, value) for key, value in getattr(item, "value", [])
                  if isinstance(key, yaml.ScalarNode)}
        if "id" in fields and isinstance(fields["id"][1], yaml.ScalarNode):
            key = fields.get("updated", fields["id"])[0]
            lines[fields["id"][1].value] = key.start_mark.line + 1
    return lines


def _events_line(text: str) -> int:
    """The line of 'events:', where a deleted event belongs again."""
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("events:"):
            return number
    return 1
