/** The browser's half of uploading (clients/shared/src/upload.ts does the rest). */

/** Lower-case hex SHA-256 by Web Crypto, which browsers give secure origins only. */
export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  if (!globalThis.crypto?.subtle) {
    throw new Error("Photos need a secure connection: open LifeGraph over https or on localhost.");
  }
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Post photos: the types POST_MEDIA takes (subgraphs/media/domain/purposes.py). */
export const PHOTO_TYPES = "image/jpeg,image/png,image/webp,image/gif";
export const MAX_PHOTOS = 4;
/** Profile photos: the types AVATAR takes. */
export const AVATAR_TYPES = "image/jpeg,image/png,image/webp";
