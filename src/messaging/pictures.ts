/** A picture's type by its first bytes (the platforms take JPEG and PNG photos); PNG when unknown. */
export function pictureMimeType(bytes: Uint8Array): "image/jpeg" | "image/png" {
  return bytes[0] === 0xff && bytes[1] === 0xd8 ? "image/jpeg" : "image/png";
}
