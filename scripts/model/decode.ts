// Bytes -> text, before the reader. The docs are UTF-8. A byte sequence that
// is not UTF-8 becomes U+FFFD (as a browser shows it) and is reported, once
// per file, at the first such byte; a file that is not text at all (a NUL
// byte, or mostly bytes that are neither UTF-8 nor printable) is reported as
// not text and not read further, so it cannot cascade into dozens of
// messages about its "structure".

export interface Decoded {
  /** The text, a leading byte order mark removed. '' when the file is not text. */
  text: string;
  /** Why the file is not text, or null when it is. */
  notText: string | null;
  /** Offsets in `text` of each U+FFFD that stands for bytes that were not UTF-8. */
  invalid: number[];
}

const strict = new TextDecoder('utf-8', { fatal: true });

/** Above this share of characters that are bad bytes or control characters, a file is not text. */
const binaryShare = 0.3;

export function decode(input: string | Uint8Array): Decoded {
  // Text handed over as a string was decoded by the caller; only its NUL-free-ness is not checked.
  if (typeof input === 'string') return { text: input, notText: null, invalid: [] };
  const bom = input.length >= 3 && input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? 3 : 0;
  const nul = input.indexOf(0);
  if (nul >= 0) return { text: '', notText: `it has a NUL byte (at byte ${nul}): a binary file, or text in an encoding other than UTF-8 such as UTF-16`, invalid: [] };
  let text: string;
  try {
    text = strict.decode(input);
  } catch {
    return slowDecode(input, bom);
  }
  return { text, notText: null, invalid: [] };
}

/** The WHATWG UTF-8 decoder, by hand, so each replacement's place in the text is known. */
function slowDecode(bytes: Uint8Array, from: number): Decoded {
  const parts: string[] = [];
  const invalid: number[] = [];
  let chunk: number[] = [];
  let length = 0;
  let controls = 0;
  const emit = (cp: number) => {
    if (cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d && cp !== 0x0c && cp !== 0x1b) controls += 1;
    chunk.push(cp);
    length += cp > 0xffff ? 2 : 1;
    if (chunk.length >= 4096) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
  };
  const bad = () => {
    invalid.push(length);
    emit(0xfffd);
  };
  let needed = 0;
  let seen = 0;
  let cp = 0;
  let lower = 0x80;
  let upper = 0xbf;
  for (let k = from; k < bytes.length; k++) {
    const b = bytes[k] as number;
    if (needed === 0) {
      if (b <= 0x7f) emit(b);
      else if (b >= 0xc2 && b <= 0xdf) {
        needed = 1;
        cp = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
        needed = 2;
        cp = b & 0x0f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
        needed = 3;
        cp = b & 0x07;
      } else bad();
      continue;
    }
    if (b < lower || b > upper) {
      needed = seen = cp = 0;
      lower = 0x80;
      upper = 0xbf;
      bad();
      // The byte that broke the sequence starts afresh.
      k -= 1;
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    cp = (cp << 6) | (b & 0x3f);
    seen += 1;
    if (seen === needed) {
      emit(cp);
      needed = seen = cp = 0;
    }
  }
  if (needed !== 0) bad();
  parts.push(String.fromCodePoint(...chunk));
  const text = parts.join('');
  if (length > 0 && (invalid.length + controls) / length > binaryShare) {
    return { text: '', notText: `${Math.round(((invalid.length + controls) * 100) / length)}% of it is bytes that are not UTF-8 text or are control characters: a binary file?`, invalid: [] };
  }
  return { text, notText: null, invalid };
}
