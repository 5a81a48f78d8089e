"""A user's data export, gathered by every subgraph (docs/media.md, "Data export").

media coordinates: `requestDataExport` publishes `media.export.requested`; each subgraph
answers with its part through `export_part`, and media zips the parts when all came.

```python
# subgraphs/goals/app.py, in build():
await export_part(runtime, OWNED)  # OWNED: the collections a user owns, and by which field
```
"""

from __future__ import annotations

from common.export.keys import PARTS, archive_key, part_key
from common.export.parts import export_part
from common.export.records import Owned

__all__ = ["PARTS", "Owned", "archive_key", "export_part", "part_key"]
