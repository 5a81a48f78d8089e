"""The profile photo in Settings, in a real headless Chromium: a picked image is uploaded
by presigned PUT, verified, set as the avatar and shown; a type avatars do not take is
refused in words; "Remove photo" clears it."""

from __future__ import annotations

from playwright.async_api import FilePayload, expect

from tests.browser.conftest import OfflinePage
from tests.browser.photos import image_file, loaded
from tests.browser.test_web_app import _every_control_reachable_by_keyboard, _quiet, _sign_in
from tests.e2e.conftest import NewClient


def _image(fmt: str, mime: str) -> FilePayload:
    return image_file(f"me.{fmt.lower()}", fmt, mime, "teal", size=120)


async def test_a_profile_photo_is_uploaded_shown_and_removed(
    lifegraph: str, new_client: NewClient, offline_page: OfflinePage
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    page = offline_page.page
    await page.goto(f"{lifegraph}/")
    await _sign_in(page, f"ada-{id(ada)}@example.com")
    await page.get_by_role("link", name="Settings").click()
    section = page.get_by_role("region", name="Profile photo")
    await expect(section).to_contain_text("No photo yet")
    picker = section.get_by_label("Choose a photo (JPEG, PNG or WebP)")
    upload = section.get_by_role("button", name="Upload photo")
    await expect(upload).to_be_disabled()

    # GIF is a post photo's type, not an avatar's: refused before any byte is stored.
    await picker.set_input_files([_image("GIF", "image/gif")])
    await upload.click()
    refused = section.get_by_role("alert")
    await expect(refused).to_have_text("That kind of file is not allowed here.")

    await picker.set_input_files([_image("PNG", "image/png")])
    await upload.click()
    photo = section.get_by_role("img", name="Ada's profile photo")
    await expect(photo).to_be_visible()
    await loaded(photo)
    await expect(section.get_by_role("alert")).to_have_count(0)
    await expect(upload).to_be_disabled()  # the picker was cleared
    # The server holds it: a fresh read of the profile names the media.
    me = await ada.ok("{ me { avatar { id contentType } } }")
    assert me["me"]["avatar"]["contentType"] == "image/png"
    await offline_page.screenshot("web-profile-photo")

    await section.get_by_role("button", name="Remove photo").click()
    await expect(section).to_contain_text("No photo yet")
    assert (await ada.ok("{ me { avatar { id } } }"))["me"]["avatar"] is None

    await _every_control_reachable_by_keyboard(page)
    await _quiet(offline_page)
