"""Reading the YAML files people edit (recipes, plan editions): bounded, and every error
naming the file, the line and the field.

* A size limit, and no aliases: an alias (``*name``) re-uses a node, so a few lines can
  expand into billions (the "billion laughs"); these files never need one.
* Validation against a JSON Schema that refuses unknown keys: a misspelt optional key is
  an error naming it, not silently ignored.
"""
from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

import yaml

from .errors import RecipeError

MAX_BYTES = 1_000_000


class _NoAliases(yaml.SafeLoader):
    """The safe loader, refusing aliases before anything is expanded."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, f"alias *{event.anchor} is not allowed here",
                                              event.start_mark)
        return super().compose_node(parent, index)


def line_of(text: str, path: Sequence[object]) -> int | None:
    """1-based line of the node at ``path`` (mapping keys and list indexes). When the path
    runs out (a required field is missing) it is the line of the deepest part that exists."""
    try:
        node = yaml.compose(text, Loader=_NoAliases)
    except yaml.YAMLError:
        return None
    if node is None:
        return None
    line = node.start_mark.line + 1
    for step in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == str(step)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            node = None
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


def parse(text: str, where: str) -> object:
    """YAML text to data: size-limited, aliases refused, errors with the line."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise RecipeError(f"{where}: larger than {MAX_BYTES:,} bytes; not read")
    try:
        return yaml.load(text, Loader=_NoAliases)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"{mark.line + 1}" if mark else "?"
        problem = getattr(exc, "problem", None) or exc
        raise RecipeError(f"{where}:{line}: invalid YAML: {problem}") from None


def validate(data: object, schema: dict, where: str, text: str | None) -> None:
    """The first schema error (in document order), naming line and field."""
    import jsonschema  # here, not at import: it costs about a second (its optional format checkers)

    # unknown keys last: a key under a failing branch also counts as unevaluated
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data),
                    key=lambda e: (e.validator == "unevaluatedProperties", list(map(str, e.path))))
    if not errors:
        return
    first = errors[0]
    field_path = "/".join(str(p) for p in first.path) or "(top level)"
    message = first.message
    if first.validator == "unevaluatedProperties":
        message = message.replace("Unevaluated properties are not allowed", "unknown key(s) not allowed")
    line = line_of(text, list(first.path)) if text is not None else None
    raise RecipeError(f"{where}:{line}: field {field_path}: {message}" if line else f"{where}: field {field_path}: {message}")


def read_regular(path: Path, limit: int = MAX_BYTES) -> str:
    """A file's text, if it is a regular file of at most ``limit`` bytes in UTF-8: checked on
    the opened descriptor (a symlink to /dev/zero or a FIFO is refused at once, never read
    until memory runs out or waited on), read with a cap."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise RecipeError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise RecipeError(f"{path}: not a regular file; not read")
        raw = handle.read(limit + 1)
    if len(raw) > limit:
        raise RecipeError(f"{path}: larger than {limit:,} bytes; not read")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RecipeError(f"{path}: byte {exc.start} is not UTF-8 (the file must be saved as UTF-8)") from None


def load(path: Path, schema: dict) -> tuple[object, str]:
    """Read, parse and validate one file; returns the data and its text."""
    text = read_regular(path)
    data = parse(text, str(path))
    validate(data, schema, str(path), text)
    return data, text
