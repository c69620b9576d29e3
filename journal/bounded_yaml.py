"""YAML from untrusted text, with what its aliases expand to bounded.

PyYAML's ``SafeLoader`` builds nothing dangerous, but an alias (``*a``) is a second reference to
the anchored value, so a few lines of "billion laughs" YAML (ten lists of ten aliases to the list
before) describe 10⁹ strings. The loader keeps them as shared references; it is whatever walks
the result afterwards (``str()`` of a title, a JSON copy for the library) that runs out of memory.

Aliases are legitimate YAML (``<<: *defaults``) and cost nothing when they are few, so rather than
refusing them this loader counts what the document would be with every alias written out: one per
value plus the characters of each scalar, and refuses a document above ``MAX_EXPANDED_SIZE``,
before anything is constructed. A document without aliases counts about as many as its text has
characters, so ``bounded_load`` also caps the text (pure-Python parsing takes about a second per
100 KB), and turns the composer's ``RecursionError`` on deeply nested brackets into a YAML error.

The safe loader also builds Python values no front matter means: ``!!binary aGVsbG8=`` becomes
bytes (a trip titled ``b'hello'``), ``!!set {a, b}`` a set, ``!!omap`` and ``!!pairs`` lists of
tuples, each written back as their Python spelling. Settings are plain data, so every node must
carry one of the plain data tags (``PLAIN_DATA_TAGS``): any other tag, written or resolved, is
refused before anything is constructed, naming the key it sits under. For the same reason a plain
``=`` is text, as in every other YAML reader, not PyYAML's unconstructable ``!!value``.
"""

from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

#: What a document may expand to: a million characters (a front matter is normally a few hundred).
MAX_EXPANDED_SIZE = 1_000_000
#: The longest text ``bounded_load`` parses.
MAX_TEXT_LENGTH = 256 * 1024
#: The tags of plain data: text, numbers, true/false, null, dates, lists, mappings (and the
#: ``<<`` merge key, which only copies a mapping's keys).
PLAIN_DATA_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "merge")
)
_CORE_PREFIX = "tag:yaml.org,2002:"


class BoundedSafeLoader(yaml.SafeLoader):
    """``SafeLoader`` that refuses documents whose aliases expand past ``MAX_EXPANDED_SIZE`` or
    refer to themselves (``&a [*a]``), or that hold anything but plain data, with a
    ``ComposerError`` saying so."""

    def compose_document(self) -> Node | None:
        node = super().compose_document()
        if node is not None:
            _check_expanded_size(node)
            _check_plain_data(node)
        return node


BoundedSafeLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag in PLAIN_DATA_TAGS]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def bounded_load(text: str, loader: type[BoundedSafeLoader] = BoundedSafeLoader) -> Any:
    """``text`` parsed with ``loader``; a ``yaml.YAMLError`` (whose ``problem`` says why) for
    text that is not YAML, longer than ``MAX_TEXT_LENGTH`` or expanding past the limit."""
    if len(text) > MAX_TEXT_LENGTH:
        raise ComposerError(
            None,
            None,
            f"it is longer than {MAX_TEXT_LENGTH // 1024} KB, far more than YAML settings need",
            None,
        )
    try:
        return yaml.load(text, Loader=loader)  # a SafeLoader subclass
    except RecursionError:
        raise ComposerError(None, None, "its values are nested too deeply", None) from None


def _check_expanded_size(root: Node) -> None:
    """A ``ComposerError`` if ``root``, with its aliases written out, is over the limit.

    An iterative depth-first walk that sizes each node once (a shared node is counted again
    for every reference, without being walked again), so it costs as much as the text, not as
    much as the expansion."""
    sizes: dict[int, int] = {}
    # Nodes whose children are being sized: meeting one of them again is a cycle.
    open_nodes: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, children_sized = stack.pop()
        if id(node) in sizes:
            continue
        children = _children(node)
        if children_sized:
            open_nodes.discard(id(node))
            size = 1 + sum(sizes[id(child)] for child in children)
            if isinstance(node, ScalarNode):
                size += len(node.value)
            if size > MAX_EXPANDED_SIZE:
                raise _refusal(
                    node,
                    f"its aliases expand to more than {MAX_EXPANDED_SIZE:,} characters; write "
                    "the values out instead of repeating them with '*' aliases",
                )
            sizes[id(node)] = size
            continue
        if id(node) in open_nodes:
            raise _refusal(node, "an alias refers to the value that contains it")
        open_nodes.add(id(node))
        stack.append((node, True))
        stack.extend((child, False) for child in children)


def _check_plain_data(root: Node) -> None:
    """A ``ComposerError`` for the first node whose tag is not plain data, saying where it is by
    the top-level key it sits under. Each node is looked at once, however many aliases refer to
    it."""
    seen: set[int] = set()
    # Each node with what the message calls it ("'title'", "the key 'a'") and its children.
    stack: list[tuple[Node, str, str]] = [(root, "the document", "a value")]
    while stack:
        node, what, children_are = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if node.tag not in PLAIN_DATA_TAGS:
            tag = node.tag.replace(_CORE_PREFIX, "!!", 1)
            raise _refusal(
                node,
                f"{what} is tagged {tag}, which is not plain data; write it as text, a number, "
                "true/false, a date, a list or 'key: value' pairs, without the tag",
            )
        if node is root and isinstance(node, MappingNode):
            for name, value in node.value:
                key = repr(name.value) if isinstance(name, ScalarNode) else None
                inside = f"a value inside {key}" if key else "a value"
                stack.append((name, f"the key {key}" if key else "a key", inside))
                stack.append((value, key or "a value", inside))
        else:
            stack.extend((child, children_are, children_are) for child in _children(node))


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _refusal(node: Node, problem: str) -> ComposerError:
    return ComposerError(None, None, problem, node.start_mark)
