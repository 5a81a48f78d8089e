"""`compose()`: subgraph SDLs in, Apollo-format supergraph SDL out (or a CompositionError)."""

from collections.abc import Sequence

from graphql import GraphQLError, build_ast_schema, parse, validate_schema

from router.composition.federation import Metadata, compute_metadata
from router.composition.inaccessible import validate_inaccessible
from router.composition.issues import CompositionError, CompositionIssue
from router.composition.merge import Merger
from router.composition.printer import print_supergraph
from router.composition.sdl_check import parse_subgraph_sdl
from router.composition.source import CompositionResult, SubgraphSource
from router.composition.subgraph import Subgraph, build_subgraph
from router.composition.subgraph_checks import validate_federation


def compose(subgraphs: Sequence[SubgraphSource]) -> CompositionResult:
    issues = _name_issues(subgraphs)
    if issues:
        raise CompositionError(issues)
    # Apollo keeps subgraphs in an ordered map sorted by name; so do we, for stable output.
    ordered = sorted(subgraphs, key=lambda s: s.name)
    built: list[Subgraph] = []
    metas: list[Metadata] = []
    for source in ordered:
        parsed = parse_subgraph_sdl(source.name, source.sdl)
        if isinstance(parsed, list):
            issues.extend(parsed)
            continue
        document, link = parsed
        subgraph = build_subgraph(source.name, source.url, document, link)
        meta = compute_metadata(subgraph)
        issues.extend(validate_federation(meta))
        built.append(subgraph)
        metas.append(meta)
    if issues:
        raise CompositionError(issues)
    merger = Merger(built, metas)
    supergraph = merger.merge()
    issues = merger.issues or validate_inaccessible(supergraph, built)
    if issues:
        raise CompositionError(issues)
    sdl = print_supergraph(supergraph)
    _check_supergraph(sdl)
    return CompositionResult(sdl, tuple(ordered), tuple(merger.hints))


def _name_issues(subgraphs: Sequence[SubgraphSource]) -> list[CompositionIssue]:
    issues: list[CompositionIssue] = []
    seen: set[str] = set()
    for source in subgraphs:
        if source.name in seen:
            issues.append(
                CompositionIssue(
                    "INVALID_SUBGRAPH_NAME",
                    f'A subgraph named "{source.name}" already exists',
                    (source.name,),
                )
            )
        if source.name in ("", "_"):
            issues.append(
                CompositionIssue(
                    "INVALID_SUBGRAPH_NAME",
                    f'Invalid name "{source.name}" for a subgraph: this name is reserved',
                    (source.name,),
                )
            )
        seen.add(source.name)
    if not subgraphs:
        issues.append(CompositionIssue("NO_QUERIES", "No subgraphs to compose."))
    return issues


def _check_supergraph(sdl: str) -> None:
    """A last guard: whatever we print must be a valid schema graphql-core can load."""
    try:
        errors: list[GraphQLError] = list(validate_schema(build_ast_schema(parse(sdl))))
    except (GraphQLError, TypeError) as error:
        errors = [GraphQLError(str(error))]
    if errors:
        raise CompositionError(
            [
                CompositionIssue("INVALID_GRAPHQL", f"Invalid supergraph: {e.message}")
                for e in errors
            ]
        )
