"""Uploads through the router, on each storage backend: presigned PUT, verification, signed GET.

Every test taking `new_client` runs twice: on the local directory backend and on S3 (moto's
server). Tests that start their own system with other settings say which backend they use.
"""

from __future__ import annotations

import hashlib
import io
import os
from typing import Any

import httpx
import pytest
from PIL import Image

from common.settings import Settings
from common.testing.waiting import eventually
from tests.e2e.backends import lifegraph, s3_settings  # noqa: F401 - a fixture, by name
from tests.e2e.conftest import Client, NewClient, serve_lifegraph

CREATE = """mutation($i: CreateUploadInput!) {
  createUpload(input: $i) { uploadId url headers expiresAt }
}"""
COMPLETE = """mutation($id: ID!) {
  completeUpload(input: {uploadId: $id}) {
    id purpose contentType byteSize width height
    original: url(size: ORIGINAL) small: url(size: SMALL) medium: url(size: MEDIUM)
  }
}"""
# EXIF GPSInfo tag; Pillow writes the IFD it points to.
GPS_IFD = 0x8825


def jpeg_with_gps(width: int = 800, height: int = 600) -> bytes:
    image = Image.new("RGB", (width, height), (200, 40, 40))
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif.get_ifd(GPS_IFD)[2] = (48.0, 51.0, 24.0)  # GPSLatitude
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def upload_input(data: bytes, purpose: str, content_type: str, **changes: Any) -> dict[str, Any]:
    return {
        "purpose": purpose,
        "contentType": content_type,
        "byteSize": len(data),
        "checksumSha256": hashlib.sha256(data).hexdigest(),
        **changes,
    }


async def upload(
    client: Client, data: bytes, purpose: str = "AVATAR", content_type: str = "image/jpeg"
) -> str:
    """createUpload, then PUT straight to storage; the upload id."""
    created = (await client.ok(CREATE, {"i": upload_input(data, purpose, content_type)}))[
        "createUpload"
    ]
    put = await client.http.put(created["url"], content=data, headers=created["headers"])
    assert put.status_code == 200, put.text
    upload_id: str = created["uploadId"]
    return upload_id


def code_of(body: dict[str, Any]) -> str:
    code: str = body["errors"][0]["extensions"]["code"]
    return code


async def test_image_upload_is_verified_cleaned_and_thumbnailed(new_client: NewClient) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    photo = jpeg_with_gps()
    created = await ada.ok(CREATE, {"i": upload_input(photo, "AVATAR", "image/jpeg")})
    ticket = created["createUpload"]
    # The URL is storage's (the local route, or the bucket), never the router's /graphql:
    # bytes never pass through the router.
    assert "/subgraphs/media/storage/" in ticket["url"] or "X-Amz-Signature=" in ticket["url"]
    assert "/graphql" not in ticket["url"]
    assert ticket["headers"] == {"Content-Type": "image/jpeg"}
    put = await ada.http.put(ticket["url"], content=photo, headers=ticket["headers"])
    assert put.status_code == 200

    media = (await ada.ok(COMPLETE, {"id": ticket["uploadId"]}))["completeUpload"]
    assert (media["purpose"], media["contentType"]) == ("AVATAR", "image/jpeg")
    assert (media["width"], media["height"]) == (800, 600)

    original = await ada.http.get(media["original"])
    assert original.status_code == 200
    with Image.open(io.BytesIO(original.content)) as cleaned:
        assert cleaned.size == (800, 600)
        assert not cleaned.getexif().get_ifd(GPS_IFD)
        assert "exif" not in cleaned.info
    for name, side in (("small", 128), ("medium", 512)):
        thumb = await ada.http.get(media[name])
        with Image.open(io.BytesIO(thumb.content)) as image:
            assert max(image.size) == side

    # Completing again returns the same media; another signed-in user can see an avatar.
    again = (await ada.ok(COMPLETE, {"id": ticket["uploadId"]}))["completeUpload"]
    assert again["id"] == media["id"]
    bob = new_client()
    await bob.sign_up("Bob")
    seen = await bob.ok("query($id: ID!) { media(id: $id) { id } }", {"id": media["id"]})
    assert seen == {"media": {"id": media["id"]}}


async def test_declared_type_outside_the_allow_list(new_client: NewClient) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    body = await ada.call(CREATE, {"i": upload_input(b"%PDF-1.7", "AVATAR", "application/pdf")})
    assert code_of(body) == "UPLOAD_TYPE_NOT_ALLOWED"


async def test_bytes_that_are_not_what_they_claim(new_client: NewClient) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    fake = b"<html><script>alert(1)</script></html>"
    upload_id = await upload(ada, fake, "AVATAR", "image/png")
    assert code_of(await ada.call(COMPLETE, {"id": upload_id})) == "UPLOAD_TYPE_NOT_ALLOWED"

    not_audio = jpeg_with_gps(16, 16)
    upload_id = await upload(ada, not_audio, "VOICE_MESSAGE", "audio/ogg")
    assert code_of(await ada.call(COMPLETE, {"id": upload_id})) == "UPLOAD_TYPE_NOT_ALLOWED"


async def test_oversize_upload(new_client: NewClient) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    big = upload_input(b"x", "AVATAR", "image/png", byteSize=5 * (1 << 20) + 1)
    body = await ada.call(CREATE, {"i": big})
    assert code_of(body) == "UPLOAD_TOO_LARGE"
    assert body["errors"][0]["extensions"]["maxBytes"] == 5 * (1 << 20)


async def test_checksum_mismatch(new_client: NewClient) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    photo = jpeg_with_gps(32, 32)
    lie = upload_input(photo, "AVATAR", "image/jpeg", checksumSha256="0" * 64)
    ticket = (await ada.ok(CREATE, {"i": lie}))["createUpload"]
    put = await ada.http.put(ticket["url"], content=photo, headers=ticket["headers"])
    assert put.status_code == 200
    body = await ada.call(COMPLETE, {"id": ticket["uploadId"]})
    assert code_of(body) == "UPLOAD_CHECKSUM_MISMATCH"


async def test_expired_upload_url(settings: Settings, http: httpx.AsyncClient) -> None:
    async with serve_lifegraph(settings, media_upload_url_seconds=0) as url:
        ada = Client(http, url)
        await ada.sign_up("Ada")
        photo = jpeg_with_gps(32, 32)
        ticket = (await ada.ok(CREATE, {"i": upload_input(photo, "AVATAR", "image/jpeg")}))[
            "createUpload"
        ]
        put = await http.put(ticket["url"], content=photo, headers=ticket["headers"])
        assert put.status_code == 403
        body = await ada.call(COMPLETE, {"id": ticket["uploadId"]})
        assert code_of(body) == "UPLOAD_EXPIRED"


async def test_a_late_put_that_s3_stored_is_refused(
    settings: Settings, http: httpx.AsyncClient, s3_endpoint: str
) -> None:
    s3 = s3_settings(s3_endpoint)
    async with serve_lifegraph(settings, media_upload_url_seconds=0, **s3) as url:
        ada = Client(http, url)
        await ada.sign_up("Ada")
        photo = jpeg_with_gps(32, 32)
        ticket = (await ada.ok(CREATE, {"i": upload_input(photo, "AVATAR", "image/jpeg")}))[
            "createUpload"
        ]
        # moto checks no expiry of presigned URLs: it stores the late bytes (S3 would not).
        put = await http.put(ticket["url"], content=photo, headers=ticket["headers"])
        assert put.status_code == 200
        body = await ada.call(COMPLETE, {"id": ticket["uploadId"]})
        assert code_of(body) == "UPLOAD_EXPIRED", body
        assert "after the upload URL expired" in body["errors"][0]["message"]
        # Refused for good: the late object is gone, and asking again answers the same.
        body = await ada.call(COMPLETE, {"id": ticket["uploadId"]})
        assert code_of(body) == "UPLOAD_EXPIRED", body


async def test_foreign_and_unknown_upload_ids(new_client: NewClient) -> None:
    ada, eve = new_client(), new_client()
    await ada.sign_up("Ada")
    await eve.sign_up("Eve")
    upload_id = await upload(ada, jpeg_with_gps(32, 32))
    assert code_of(await eve.call(COMPLETE, {"id": upload_id})) == "UPLOAD_NOT_FOUND"
    assert code_of(await eve.call(COMPLETE, {"id": "0" * 24})) == "UPLOAD_NOT_FOUND"
    assert code_of(await eve.call(COMPLETE, {"id": "nonsense"})) == "UPLOAD_NOT_FOUND"


@pytest.mark.parametrize("purpose", ["CHAT_ATTACHMENT"])
async def test_private_media_is_the_owners_alone(new_client: NewClient, purpose: str) -> None:
    ada, eve = new_client(), new_client()
    await ada.sign_up("Ada")
    await eve.sign_up("Eve")
    upload_id = await upload(ada, b"%PDF-1.7\n%%EOF\n", purpose, "application/pdf")
    media = (await ada.ok(COMPLETE, {"id": upload_id}))["completeUpload"]
    assert media["contentType"] == "application/pdf"
    query = "query($id: ID!) { media(id: $id) { id } }"
    assert await eve.ok(query, {"id": media["id"]}) == {"media": None}


async def test_quota_past_the_daily_uploads(settings: Settings, http: httpx.AsyncClient) -> None:
    async with serve_lifegraph(settings, media_daily_uploads=1) as url:
        ada = Client(http, url)
        await ada.sign_up("Ada")
        photo = jpeg_with_gps(32, 32)
        await ada.ok(CREATE, {"i": upload_input(photo, "AVATAR", "image/jpeg")})
        body = await ada.call(CREATE, {"i": upload_input(photo, "AVATAR", "image/jpeg")})
        assert code_of(body) == "RATE_LIMITED"


async def test_account_erasure_deletes_the_users_files(new_client: NewClient) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    upload_id = await upload(ada, jpeg_with_gps(64, 64))
    media = (await ada.ok(COMPLETE, {"id": upload_id}))["completeUpload"]
    assert (await ada.http.get(media["small"])).status_code == 200
    delete = 'mutation { deleteAccount(input: {password: "violet-harbour-lantern-42"}) }'
    assert await ada.ok(delete) == {"deleteAccount": True}

    async def gone() -> bool:
        try:
            answers = [await ada.http.get(media[size]) for size in ("original", "small", "medium")]
        except httpx.RemoteProtocolError:
            return False  # a download racing the deletion was cut short: not gone yet
        return all(answer.status_code == 404 for answer in answers)

    assert await eventually(gone, bool)


async def test_upload_larger_than_the_api_body_limit(new_client: NewClient) -> None:
    # Storage's route streams past the 1 MiB JSON body limit of /graphql.
    ada = new_client()
    await ada.sign_up("Ada")
    out = io.BytesIO()
    Image.frombytes("RGB", (800, 800), os.urandom(800 * 800 * 3)).save(out, format="PNG")
    data = out.getvalue()
    assert len(data) > 1 << 20
    upload_id = await upload(ada, data, "POST_MEDIA", "image/png")
    media = (await ada.ok(COMPLETE, {"id": upload_id}))["completeUpload"]
    assert (media["contentType"], media["width"]) == ("image/png", 800)


SET_AVATAR = """mutation($id: ID!) {
  updateProfile(input: {avatarMediaId: $id}) { avatar { id url(size: SMALL) } }
}"""


async def test_avatar_is_a_completed_avatar_upload_of_the_callers(new_client: NewClient) -> None:
    ada, eve = new_client(), new_client()
    ada_id = await ada.sign_up("Ada")
    await eve.sign_up("Eve")
    photo = await upload(ada, jpeg_with_gps(40, 40), "POST_MEDIA")
    post_photo = (await ada.ok(COMPLETE, {"id": photo}))["completeUpload"]
    # Completed after the photo: a user's events arrive in order, so once users knows the
    # avatar it knows the photo too, and refusing the photo below is not a race.
    avatar = (await ada.ok(COMPLETE, {"id": await upload(ada, jpeg_with_gps(300, 300))}))[
        "completeUpload"
    ]

    # users learns of completed media by event: NOT_FOUND until it arrived.
    profile = (await ada.ok_once_known(SET_AVATAR, {"id": avatar["id"]}))["updateProfile"]
    assert profile["avatar"]["id"] == avatar["id"]
    small = await ada.http.get(profile["avatar"]["url"])
    with Image.open(io.BytesIO(small.content)) as image:
        assert image.size == (128, 128)

    # Another user's avatar, media of another purpose, an unknown id: refused alike.
    for refused in (avatar["id"], post_photo["id"], "0" * 24):
        body = await eve.call(SET_AVATAR, {"id": refused})
        assert code_of(body) == "NOT_FOUND", body
    body = await ada.call(SET_AVATAR, {"id": post_photo["id"]})
    assert code_of(body) == "NOT_FOUND"

    # Everyone who may see Ada's profile sees her avatar, its URL signed by media.
    seen = await eve.ok("query($id: ID!) { user(id: $id) { avatar { id url } } }", {"id": ada_id})
    assert seen["user"]["avatar"]["id"] == avatar["id"]
