// The few protobuf fields the Anki reader needs, decoded by hand: varints, and length-delimited
// strings and messages. Enough for Anki's MediaEntries (proto/anki/import_export.proto),
// Notetype.Config and Notetype.Template.Config (proto/anki/notetypes.proto).
import { strFromU8 } from 'fflate';

/** One field of a message: a number for varints (wire type 0), bytes for length-delimited (2). */
export interface ProtoField {
  field: number;
  value: number | Uint8Array;
}

/** Reads a varint at `pos`; returns [value, next position]. Exact up to 2^53. */
function readVarint(bytes: Uint8Array, pos: number): [number, number] {
  let value = 0;
  let scale = 1;
  for (;;) {
    if (pos >= bytes.length) throw new RangeError('protobuf varint runs past the end');
    const byte = bytes[pos++]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return [value, pos];
    scale *= 128;
  }
}

/** The fields of one message, in order. Fixed 32/64-bit fields are skipped. */
export function protoFields(bytes: Uint8Array): ProtoField[] {
  const fields: ProtoField[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const [key, afterKey] = readVarint(bytes, pos);
    pos = afterKey;
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (wire === 0) {
      const [value, next] = readVarint(bytes, pos);
      fields.push({ field, value });
      pos = next;
    } else if (wire === 2) {
      const [length, start] = readVarint(bytes, pos);
      if (start + length > bytes.length) throw new RangeError('protobuf field runs past the end');
      fields.push({ field, value: bytes.subarray(start, start + length) });
      pos = start + length;
    } else if (wire === 1) {
      pos += 8;
    } else if (wire === 5) {
      pos += 4;
    } else {
      throw new RangeError(`protobuf wire type ${wire} is not supported`);
    }
  }
  return fields;
}

const utf8 = { decode: (bytes: Uint8Array): string => strFromU8(bytes) };

/** The last string value of `field` (protobuf: the last one wins), or ''. */
export function protoString(fields: readonly ProtoField[], field: number): string {
  let found = '';
  for (const f of fields) if (f.field === field && f.value instanceof Uint8Array) found = utf8.decode(f.value);
  return found;
}

/** The last varint value of `field`, or 0 (the protobuf default). */
export function protoNumber(fields: readonly ProtoField[], field: number): number {
  let found = 0;
  for (const f of fields) if (f.field === field && typeof f.value === 'number') found = f.value;
  return found;
}
