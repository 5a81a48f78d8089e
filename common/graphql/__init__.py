"""The GraphQL kit of a subgraph.

What a subgraph's `schema/` uses: `schema.build_schema` (the schema with the
shared extensions), `context.RequestContext` (`info.context`: caller, services,
per-request loaders), `loaders.batch_loader` (entity batching) and
`pagination.Connection` / `connection_from_page` (Relay connections). The other
modules (limits, cost, parser, errors, caching) are what `build_schema` wires in,
shared with the router.

```python
from common.graphql.pagination import Connection, connection_from_page
from common.graphql.schema import build_schema


@strawberry.type
class Query:
    @strawberry.field
    async def my_goals(self, info: Info, first: int = 20) -> Connection[GoalType]:
        viewer = await info.context.require_viewer()
        page = await info.context.services.goals.mine(viewer, PageRequest(first=first))
        return connection_from_page(page, GoalType.from_doc)


schema = build_schema("goals", query=Query, types=[GoalType])
```
"""
