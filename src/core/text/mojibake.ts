// PLACEHOLDER: to be written. Repairs UTF-8 that was read as Windows-1252 (`â€™` -> `’`).

export function repairMojibake(text: string): string {
  return text;
}
