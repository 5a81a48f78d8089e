"""The fetch dependency graph and operation generation on their own, without subgraphs."""

from __future__ import annotations

from router.planner.emit import Emitter, parallel, sequence
from router.planner.fetch_groups import FetchGroup, closure, descendants, merge_siblings
from router.planner.nodes import FetchNode, FlattenNode, ParallelNode, SequenceNode


def _group(
    group_id: int, service: str, parent: FetchGroup | None, path: tuple[str, ...] = ()
) -> FetchGroup:
    group = FetchGroup(group_id, service, path, parent)
    group.selection.add_named("f")
    if parent is not None:
        parent.children.append(group)
        group.deps = {parent}
        rep = group.requires.setdefault("T", type(group.selection)())
        rep.add_typename()
        rep.add_named("id")
        group.key_fields["T"] = {"id"}
    return group


def test_closure_follows_dependencies_transitively() -> None:
    root = _group(0, "a", None)
    child = _group(1, "b", root, ("x",))
    grandchild = _group(2, "c", child, ("x", "y"))
    assert closure([grandchild]) == {root, child, grandchild}
    assert closure([root]) == {root}
    assert descendants(root) == [root, child, grandchild]


def test_siblings_of_one_subgraph_with_equal_representations_merge() -> None:
    root = _group(0, "a", None)
    first = _group(1, "b", root, ("x",))
    second = _group(2, "b", root, ("y",))
    other = _group(3, "c", root, ("x",))
    [merged, kept] = merge_siblings([first, second, other])
    assert (merged.service, merged.path, merged.more_paths) == ("b", ("x",), (("y",),))
    assert kept is other


def test_sequence_and_parallel_flatten_and_unwrap() -> None:
    one = FetchNode("a", "{a}", None, ())
    two = FetchNode("b", "{b}", None, ())
    assert sequence([one, None]) is one
    assert parallel([None]) is None
    assert sequence([SequenceNode((one, two)), one]) == SequenceNode((one, two, one))
    assert parallel([ParallelNode((one, two)), two]) == ParallelNode((one, two, two))


def test_schedule_stages_a_group_after_a_non_parent_dependency() -> None:
    root = _group(0, "a", None)
    supplier = _group(1, "b", root, ("x",))
    needer = _group(2, "c", root, ("z",))
    needer.deps.add(supplier)
    node = Emitter("query", None, {}).schedule(descendants(root))
    assert isinstance(node, SequenceNode)
    services = [
        n.service if isinstance(n, FetchNode) else n.node.service
        for n in node.nodes
        if isinstance(n, FetchNode | FlattenNode)
    ]
    assert services == ["a", "b", "c"]


def test_schedule_runs_independent_children_in_parallel_as_a_tree() -> None:
    root = _group(0, "a", None)
    _group(1, "b", root, ("x",))
    _group(2, "c", root, ("z",))
    node = Emitter("query", "Q", {}).schedule(descendants(root))
    assert isinstance(node, SequenceNode)
    first, after = node.nodes
    assert isinstance(first, FetchNode)
    assert first.operation == "query Q__a__0{f}"
    assert isinstance(after, ParallelNode)
    assert [n.paths for n in after.nodes if isinstance(n, FlattenNode)] == [(("x",),), (("z",),)]
