#!/usr/bin/env node
// The `gongkai` command: register tsx so node can load the TypeScript sources, then run the CLI (src/cli/main.ts).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
