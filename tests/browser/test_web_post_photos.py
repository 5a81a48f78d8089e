"""Photos on a post from the web app, in a real headless Chromium: picked files go to
storage by presigned PUT (never through /graphql), are verified by `completeUpload`, and
show on the post; a file that is not an image, or a fifth photo, is refused in words."""

from __future__ import annotations

from playwright.async_api import FilePayload, expect

from tests.browser.conftest import OfflinePage
from tests.browser.photos import image_file, loaded
from tests.browser.test_web_app import _every_control_reachable_by_keyboard, _quiet, _sign_in
from tests.e2e.conftest import NewClient


def _photo(name: str, colour: str) -> FilePayload:
    return image_file(name, "PNG", "image/png", colour)


async def test_photos_picked_for_a_post_are_uploaded_and_shown(
    lifegraph: str, new_client: NewClient, offline_page: OfflinePage
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    page = offline_page.page
    await page.goto(f"{lifegraph}/")
    await _sign_in(page, f"ada-{id(ada)}@example.com")
    await page.get_by_role("link", name="Community").click()
    form = page.get_by_role("form", name="Share a post")
    picker = form.get_by_label("Photos (up to 4, optional)")
    post_button = form.get_by_role("button", name="Post")

    # Five photos are one too many: said before anything is sent.
    await picker.set_input_files([_photo(f"p{i}.png", "white") for i in range(5)])
    await expect(form.get_by_role("alert")).to_have_text("Choose at most 4 photos.")
    await expect(post_button).to_be_disabled()

    # Text claiming to be a PNG: storage takes the bytes, completeUpload sniffs them.
    fake: FilePayload = {"name": "notes.png", "mimeType": "image/png", "buffer": b"not an image"}
    await picker.set_input_files([fake])
    await form.get_by_role("textbox", name="Post").fill("This should not be posted")
    await post_button.click()
    await expect(form.get_by_role("alert")).to_have_text("That kind of file is not allowed here.")

    await picker.set_input_files([_photo("sunrise.png", "orange"), _photo("lake.png", "blue")])
    await form.get_by_role("textbox", name="Post").fill("Morning run: two photos from the lake")
    await post_button.click()
    await expect(form.get_by_role("status")).to_have_text("Posted.")
    await expect(form.get_by_role("textbox", name="Post")).to_have_value("")

    await page.get_by_role("button", name="Trending").click()
    post = page.get_by_role("region", name="Trending").get_by_role("listitem", name="Post by Ada")
    await expect(post).to_have_count(1)
    await expect(post).to_contain_text("Morning run: two photos from the lake")
    photos = post.get_by_role("list", name="Photos").get_by_role("img")
    await expect(photos).to_have_count(2)
    await expect(photos.first).to_have_accessible_name("Photo 1 of 2 by Ada")
    for index in range(2):
        await loaded(photos.nth(index))
        src = await photos.nth(index).get_attribute("src")
        assert src is not None
        assert src.startswith(f"{lifegraph}/subgraphs/media/storage/"), src

    await offline_page.screenshot("web-post-photos")
    await _every_control_reachable_by_keyboard(page)
    await _quiet(offline_page)
