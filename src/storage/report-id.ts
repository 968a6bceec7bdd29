/** A report version's public id (/reports/:id): the day it was written and six random letters or digits. */
import { randomBytes } from 'node:crypto';

/** A report id as the store makes them: YYYY-MM-DD-xxxxxx. (Ids kept from before, such as a demo file's base name, are longer.) */
export const STORED_ID = /^\d{4}-\d{2}-\d{2}-[a-z0-9]{6}$/;

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A new id for a version written at `at` (an ISO time; the system's day when it is not one). */
export function newReportId(at: string): string {
  const day = /^\d{4}-\d{2}-\d{2}/.test(at) ? at.slice(0, 10) : new Date().toISOString().slice(0, 10);
  return `${day}-${[...randomBytes(6)].map((b) => ALPHABET[b % ALPHABET.length]).join('')}`;
}
