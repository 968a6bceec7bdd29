/**
 * Server configuration: read once from the environment at the edge (src/server/main.ts) with this one schema,
 * documented in .env.example.
 */
import { z } from 'zod';
import { problem, type Problem } from '../core/errors.ts';

export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Where saved reports are written (`<dir>/reports/<id>.json`); relative to the working directory. */
  GONGKAI_DATA_DIR: z.string().trim().min(1).default('./data'),
});

export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
}

/** Parse the environment. Invalid values → `config.invalid` problems naming the variable. Never throws. */
export function readConfig(env: Readonly<Record<string, string | undefined>>): { ok: true; config: ServerConfig } | { ok: false; problems: Problem[] } {
  const parsed = ConfigSchema.safeParse({
    PORT: env.PORT || undefined,
    HOST: env.HOST || undefined,
    GONGKAI_DATA_DIR: env.GONGKAI_DATA_DIR || undefined,
  });
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) =>
        problem('config.invalid', i.path.join('.'), { zh: i.message, en: i.message }),
      ),
    };
  }
  return { ok: true, config: { port: parsed.data.PORT, host: parsed.data.HOST, dataDir: parsed.data.GONGKAI_DATA_DIR } };
}
