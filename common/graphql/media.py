"""`Media` as a subgraph that holds media ids returns it: a reference the media subgraph resolves.

```python
from common.graphql.media import Media


@strawberry.field(description="The post's photos.")
def media(self) -> list[Media | None]:
    return [Media(id=strawberry.ID(m)) for m in self.media_ids]
```
"""

from __future__ import annotations

import strawberry
from strawberry.federation.schema_directives import Key
from strawberry.federation.types import FieldSet


@strawberry.federation.type(
    keys=[Key(fields=FieldSet("id"), resolvable=False)],
    description="A verified file, served by the media subgraph.",
)
class Media:
    id: strawberry.ID = strawberry.field(description="The media's id.")
