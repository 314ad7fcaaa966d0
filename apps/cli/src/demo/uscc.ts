import {
  normalizeUscc,
  validateUscc,
  withUsccCheckChar,
} from '@app/reference-data';
import type { Prng } from './prng.js';

/** GB 11714 weights of the 8-character organisation-code body. */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
/** Letters of an organisation-code body that the USCC alphabet also allows (no I, O, S, V, Z). */
const ORG_LETTERS = 'ABCDEFGHJKLMNPQRTUWXY';

/** The GB 11714 check character of an organisation code body (digits and letters A=10 … Z=35). */
function gb11714CheckChar(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body[i];
    const value = c >= '0' && c <= '9' ? Number(c) : c.charCodeAt(0) - 55;
    sum += value * ORG_WEIGHTS[i];
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/**
 * A USCC of an enterprise registered with the market regulator (91) of the given division: an
 * organisation code (older 8 digits, or the newer `MA…` form) with its own check character, then the
 * GB 32100 check character — double-checked with the service's validator.
 */
export function generateUscc(
  random: Prng,
  divisionCode: string,
  modern: boolean,
): string {
  let body: string;
  if (modern) {
    body = 'MA4';
    for (let i = 0; i < 5; i++)
      body += random.chance(0.5)
        ? random.pick([...ORG_LETTERS])
        : String(random.int(0, 9));
  } else {
    body = String(random.int(1, 7));
    for (let i = 0; i < 7; i++) body += String(random.int(0, 9));
  }
  const first17 = `91${divisionCode}${body}${gb11714CheckChar(body)}`;
  const uscc = normalizeUscc(withUsccCheckChar(first17));
  const check = validateUscc(uscc);
  if (!check.valid)
    throw new Error(`generated an invalid USCC ${uscc}: ${check.message}`);
  return uscc;
}
