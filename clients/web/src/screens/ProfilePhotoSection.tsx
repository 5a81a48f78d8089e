import { useApolloClient, useMutation } from "@apollo/client/react";
import { type FormEvent, useState } from "react";

import {
  UpdateProfileDocument,
  type ViewerFieldsFragment,
  attachWhenKnown,
  describeError,
  uploadFile,
} from "@lifegraph/shared";

import { AVATAR_TYPES, sha256Hex } from "../files";

/** The viewer's profile photo: upload one (presigned, verified by the server), or remove it. */
export function ProfilePhotoSection({ viewer }: { viewer: ViewerFieldsFragment }) {
  const client = useApolloClient();
  // The answer is the viewer with its new avatar, which the cache merges into `me`.
  const [update, updating] = useMutation(UpdateProfileDocument);
  const [photo, setPhoto] = useState<File | null>(null);
  // Remounts the file input to clear it: a file input's value cannot be set.
  const [pickerKey, setPickerKey] = useState(0);
  const [uploading, setUploading] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const busy = uploading || updating.loading;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!photo) return;
    setFailure(null);
    setUploading(true);
    try {
      const media = await uploadFile(
        client,
        { bytes: await photo.arrayBuffer(), contentType: photo.type, purpose: "AVATAR" },
        sha256Hex,
      );
      // users learns of the completed upload by event: NOT_FOUND until it has.
      await attachWhenKnown(() => update({ variables: { input: { avatarMediaId: media.id } } }));
      setPhoto(null);
      setPickerKey((key) => key + 1);
    } catch (refused) {
      setFailure(refused);
    } finally {
      setUploading(false);
    }
  }

  async function remove() {
    setFailure(null);
    await update({ variables: { input: { avatarMediaId: "" } } }).catch(setFailure);
  }

  return (
    <section className="card settings" aria-labelledby="photo-heading">
      <h2 id="photo-heading">Profile photo</h2>
      {viewer.avatar ? (
        <img className="avatar" src={viewer.avatar.url} alt={`${viewer.displayName}'s profile photo`} />
      ) : (
        <p className="muted">No photo yet: others see your initials.</p>
      )}
      <form className="inline-form" aria-labelledby="photo-heading" onSubmit={submit}>
        <label>
          Choose a photo (JPEG, PNG or WebP)
          <input
            key={pickerKey}
            type="file"
            accept={AVATAR_TYPES}
            onChange={(e) => setPhoto(e.target.files?.[0] ?? null)}
          />
        </label>
        <button type="submit" className="primary" disabled={busy || !photo}>
          Upload photo
        </button>
        {viewer.avatar && (
          <button type="button" disabled={busy} onClick={() => void remove()}>
            Remove photo
          </button>
        )}
      </form>
      {uploading && (
        <p role="status" className="status">
          Uploading your photo…
        </p>
      )}
      {failure !== null && (
        <p role="alert" className="error">
          {describeError(failure)}
        </p>
      )}
    </section>
  );
}
