/**
 * The process edge of the CLI: run `main` with the command line and set the exit status. The entry point of the
 * bundle dist/cli.js (`npm run build`) and, through tsx, of bin/gongkai.js when the bundle is missing or stale.
 */
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));
