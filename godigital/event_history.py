"""What git history tells about each event: when it last changed, where it was announced before.

Calendar apps take an event's new version only when its SEQUENCE and
LAST-MODIFIED move forward, and show a cancellation only when the event stays
in the feed. Rather than a rule editors must remember, ``read_history`` walks
every commit of the events file on the current branch (first parents: what was
published, in order) and works out, for each event and each language, the
moment its content in that language last changed: a German typo fix changes
the German feed only. A version of the working tree that differs from the last
commit counts as one more change, at ``now``; a build of a commit reads only
commits, so it always writes the same bytes.

The same walk gives the starts an event was announced with before (an event
moved since says so), and every event any commit held (one deleted instead of
cancelled is refused: ``deletion_problems``).

All versions are read through one ``git log`` and one ``git cat-file``. In a
shallow clone the history is cut short (revisions may only come out newer);
outside git there is none, and revisions fall back to the events' ``updated``.
"""

from __future__ import annotations

import dataclasses
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml

from godigital import languages as site_languages
from godigital.events import Event, EventDataError, Problem, parse_events
from godigital.messages import message

Source = Literal["git", "shallow", "none"]
Start = date | datetime
MINUTE = timedelta(minutes=1)
GIT_TIMEOUT = 60


@dataclass(frozen=True)
class History:
    """The events file's history, as far as this checkout has it."""

    source: Source
    # (event id, language) → the moment (UTC, whole minutes) its content in that language last changed.
    changed: Mapping[tuple[str, str], datetime] = field(default_factory=dict)
    # event id → the starts it was announced with before its current one, oldest first.
    previous_starts: Mapping[str, tuple[Start, ...]] = field(default_factory=dict)
    # event id → (commit, line) of the latest commit that held it.
    announced: Mapping[str, tuple[str, int]] = field(default_factory=dict)

    def modified(self, event: Event, lang: str) -> datetime | None:
        """When ``event`` last changed in ``lang``: from history, never before its ``updated``."""
        moments = [m for m in (self.changed.get((event.id, lang)), event.updated_at) if m is not None]
        return max(moments) if moments else None

    def previous_start(self, event: Event) -> Start | None:
        """The start the event was announced with just before its current one; None if it never moved."""
        starts = self.previous_starts.get(event.id, ())
        return starts[-1] if starts else None


NO_HISTORY = History("none")


@dataclass(frozen=True)
class Version:
    """One version of the events file: a commit's, or the working tree's (``commit`` None)."""

    commit: str | None
    moment: datetime
    text: str | None  # None: the commit deleted the file
    config: str | None  # mkdocs.yml at that commit: the languages it had


def read_history(project: Path | str, path: str, *, languages: Sequence[str], current_text: str | None,
                 now: datetime, config_file: str = "mkdocs.yml") -> History:
    """The history of ``path`` (relative to ``project``) on the current branch.

    ``current_text`` is the working tree's version: when it differs from the
    last commit's, it is one more version, dated ``now``. Each version is read
    with the languages its commit's ``config_file`` had (``languages`` when it
    has none).
    """
    versions = git_versions(project, path, config_file)
    if versions is None:
        return NO_HISTORY
    if current_text is not None and (not versions or versions[-1].text != current_text):
        versions.append(Version(None, now, current_text, None))
    return summarise(versions, languages, "shallow" if _shallow(project) else "git")


def git_versions(project: Path | str, path: str, config_file: str = "mkdocs.yml") -> list[Version] | None:
    """Every commit of ``path`` on the current branch, oldest first; None outside git."""
    log = _git(project, "log", "--first-parent", "--reverse", "--format=%H %ct", "--", path)
    if log is None:
        return None
    commits = [(sha, int(seconds)) for sha, seconds in (line.split() for line in log.decode().splitlines())]
    if not commits:
        return []
    request = "".join(f"{sha}:./{name}\n" for sha, _ in commits for name in (path, config_file))
    blobs = _batch_texts(_git(project, "cat-file", "--batch", input=request.encode()) or b"")
    return [Version(sha, datetime.fromtimestamp(seconds, timezone.utc), text, config)
            for (sha, seconds), text, config in zip(commits, blobs[0::2], blobs[1::2], strict=False)]


def summarise(versions: Iterable[Version], languages: Sequence[str], source: Source = "git") -> History:
    """What ``versions`` (oldest first) say about each event."""
    changed: dict[tuple[str, str], datetime] = {}
    content: dict[tuple[str, str], object] = {}
    starts: dict[str, list[Start]] = {}
    announced: dict[str, tuple[str, int]] = {}
    for version in versions:
        if version.text is None:
            continue  # the file was deleted: it held no events
        codes = _configured(version.config, languages)
        try:
            events = _events_of(version.text, codes)
        except EventDataError:
            continue  # a version with mistakes never reached subscribers
        moment = version.moment.replace(second=0, microsecond=0)
        for event, fields in events:
            if version.commit is not None:
                announced[event.id] = (version.commit[:7], event.line)
            history = starts.setdefault(event.id, [])
            if not history or _moved(history[-1], event.start):
                history.append(event.start)
            elif history[-1] != event.start:
                history[-1] = event.start  # a time given to a day: the same day, not a move
            for lang in codes:
                key, seen = (event.id, lang), _content(fields, lang, set(codes))
                if content.get(key, _NOTHING) != seen:
                    content[key] = seen
                    previous = changed.get(key)
                    # Calendars compare whole minutes: two changes in one minute still count twice.
                    changed[key] = moment if previous is None else max(moment, previous + MINUTE)
    return History(source, changed, {event_id: tuple(history[:-1]) for event_id, history in starts.items()
                                     if len(history) > 1}, announced)


@lru_cache(maxsize=2048)
def _events_of(text: str, languages: tuple[str, ...]) -> tuple[tuple[Event, dict[str, object]], ...]:
    """The events of one version of the file, each with its fields but ``updated`` as plain
    data: made once per process, so that the preview's rebuilds read only the versions
    they have not seen."""
    return tuple((event, dataclasses.asdict(dataclasses.replace(event, updated=None)))
                 for event in parse_events(text, languages=languages))


def deletion_problems(history: History, events: Iterable[Event], text: str,
                      file: str = "data/events.yaml") -> list[Problem]:
    """Events a commit announced that are no longer in the file."""
    present = {event.id for event in events}
    line = _events_line(text)
    return [Problem(file, line, message("event_deleted", id=event_id, commit=commit, old_line=old_line, file=file),
                    event_id)
            for event_id, (commit, old_line) in sorted(history.announced.items()) if event_id not in present]


def moved(before: Start, after: Start) -> Literal["postponed", "brought_forward"] | None:
    """How an event's start changed for readers: a later or earlier day or time; None for no move."""
    if not _moved(before, after):
        return None
    return "postponed" if _sort_key(after) > _sort_key(before) else "brought_forward"


def head_commit(project: Path | str) -> str | None:
    """The checked-out commit, or None outside git."""
    out = _git(project, "rev-parse", "--verify", "--quiet", "HEAD")
    return out.decode().strip() if out else None


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------

_NOTHING = object()


def _moved(before: Start, after: Start) -> bool:
    """Another day, or another time the same day; a time given to a day-only event is no move."""
    if _day(before) != _day(after):
        return True
    return isinstance(before, datetime) and isinstance(after, datetime) and before != after


def _day(start: Start) -> date:
    return start.date() if isinstance(start, datetime) else start


def _sort_key(start: Start) -> tuple[date, float]:
    """Days in order; the same day, a time after none."""
    return (_day(start), start.timestamp() if isinstance(start, datetime) else 0.0)


def _git(project: Path | str, *args: str, input: bytes | None = None) -> bytes | None:
    try:
        result = subprocess.run(["git", *args], cwd=project, capture_output=True, input=input,
                                timeout=GIT_TIMEOUT)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def _shallow(project: Path | str) -> bool:
    out = _git(project, "rev-parse", "--is-shallow-repository")
    return out is not None and out.strip() == b"true"


def _configured(config: str | None, languages: Sequence[str]) -> tuple[str, ...]:
    try:
        return site_languages.from_text(config).codes if config is not None else tuple(languages)
    except (ValueError, yaml.YAMLError):
        return tuple(languages)


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


def _content(fields: dict[str, object], lang: str, known: set[str]) -> object:
    """What subscribers in ``lang`` see of an event: its fields (but ``updated``), each
    translated text (a mapping whose keys are ``known`` languages) cut down to ``lang``."""
    def cut(value: object) -> object:
        if isinstance(value, dict):
            if value and set(value) <= known and all(isinstance(text, str) for text in value.values()):
                return value.get(lang)
            return {key: cut(item) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return [cut(item) for item in value]
        return value

    return cut(fields)


def _events_line(text: str) -> int:
    """The line of 'events:', where a deleted event belongs again."""
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("events:"):
            return number
    return 1
