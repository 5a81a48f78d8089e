"""Object storage behind one interface: a local directory or an S3-compatible service.

```python
storage = open_storage(settings)  # LocalStorage or S3Storage, per `media_storage`
put = await storage.presign_put("u/123/abc", content_type="image/png", byte_size=1024,
                                expires_in=900)
# the client PUTs to put.url with put.headers; bytes never pass through the router
info = await storage.head("u/123/abc")
```
"""

from __future__ import annotations

from common.storage.base import ObjectInfo, ObjectMissing, ObjectStorage, PresignedPut, valid_key

__all__ = ["ObjectInfo", "ObjectMissing", "ObjectStorage", "PresignedPut", "valid_key"]
