"""Line numbers for YAML fields, so an error in a recipe or plan file says where to look."""
from __future__ import annotations

from collections.abc import Sequence

import yaml


def line_of(text: str, path: Sequence[object]) -> int | None:
    """1-based line of the node at ``path`` (mapping keys and list indexes). When the path
    runs out (a required field is missing) it is the line of the deepest part that exists."""
    try:
        node = yaml.compose(text)
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
