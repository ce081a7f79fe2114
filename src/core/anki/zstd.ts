// zstd decompression for Anki's current packages (collection.anki21b, the media list, media
// files). Streaming, because Anki's encoder may write frames without the content size, which
// fzstd's one-shot `decompress` needs to size its buffer.
import { Decompress } from 'fzstd';

/** Decompresses every frame in `bytes`. Throws if the data is not zstd or ends mid-frame. */
export function zstdDecompress(bytes: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const stream = new Decompress((chunk) => {
    chunks.push(chunk);
    total += chunk.length;
  });
  stream.push(bytes, true);
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
