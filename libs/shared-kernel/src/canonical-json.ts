import { DomainError } from './domain-error.js';

/** A value RFC 8785 cannot write: a lone surrogate, a non-finite number, a function or symbol. */
export class NotCanonicalJsonError extends DomainError {
  readonly code = 'JSON_NOT_CANONICALIZABLE';
  readonly kind = 'invalid' as const;

  constructor(path: string, problem: string) {
    super(`${path || '/'}: ${problem}`, [
      { path: path || '/', message: problem },
    ]);
  }
}

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS), the one canonical JSON of the repository
 * (docs/audit/hash-chain.md §2): object members sorted by the UTF-16 code units of their names, no
 * whitespace, numbers as ECMAScript writes them, strings escaped only where JSON requires it (`"`,
 * `\`, U+0000–U+001F) and otherwise kept as UTF-8.
 *
 * Two conveniences before canonicalisation, as JSON.stringify does them: `undefined` members are
 * dropped (`undefined` elsewhere is `null`) and a Date becomes its ISO string. A bigint becomes its
 * decimal string, so positions stay exact beyond 2^53. Anything JCS forbids throws.
 */
export function canonicalJson(value: unknown): string {
  return write(value, []);
}

// The path of the value being written, as member names and array indexes: kept as a stack and turned
// into a JSON Pointer only when something is refused (building it for every member was most of the
// cost of canonicalising an event, docs/decisions/0164).
type Path = (string | number)[];

function pointer(path: Path): string {
  return path
    .map(
      (part) =>
        `/${typeof part === 'number' ? part : part.replace(/~/g, '~0').replace(/\//g, '~1')}`,
    )
    .join('');
}

function write(value: unknown, path: Path): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value))
        throw new NotCanonicalJsonError(
          pointer(path),
          `${value} is not a JSON number`,
        );
      // ECMAScript Number-to-String is exactly the JCS number form (RFC 8785 §3.2.2.3); -0 becomes 0.
      return JSON.stringify(value);
    case 'bigint':
      return `"${value.toString()}"`;
    case 'string':
      return writeString(value, path);
    case 'object':
      break;
    default:
      throw new NotCanonicalJsonError(
        pointer(path),
        `a ${typeof value} is not JSON`,
      );
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      out += i === 0 ? write(value[i], path) : `,${write(value[i], path)}`;
      path.pop();
    }
    return `${out}]`;
  }
  if (value instanceof Date) return writeString(value.toISOString(), path);
  const record = value as Record<string, unknown>;
  // The default sort compares UTF-16 code units, which is what RFC 8785 §3.2.3 asks for.
  const names = Object.keys(record).sort();
  let out = '{';
  for (const name of names) {
    const item = record[name];
    if (item === undefined) continue;
    path.push(name);
    const member = `${writeString(name, path)}:${write(item, path)}`;
    path.pop();
    out += out.length === 1 ? member : `,${member}`;
  }
  return `${out}}`;
}

// In a u-mode pattern a surrogate pair is one code point, so only lone surrogates match.
const LONE_SURROGATE = /\p{Cs}/u;

function writeString(value: string, path: Path): string {
  // A lone surrogate has no UTF-8 form; JCS (I-JSON) forbids it rather than guessing an escape.
  if (LONE_SURROGATE.test(value))
    throw new NotCanonicalJsonError(
      pointer(path),
      'text contains a lone UTF-16 surrogate',
    );
  // JSON.stringify of a well-formed string escapes exactly `"`, `\` and U+0000–U+001F, with the
  // short forms \b \t \n \f \r and lowercase \u00xx otherwise: the JCS rule (RFC 8785 §3.2.2.2).
  return JSON.stringify(value);
}
