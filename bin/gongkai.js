#!/usr/bin/env node
// The `gongkai` command: runs dist/cli.js when it is a build of the current sources, else src/cli/bin.ts through tsx
// (bin/launch.js).
import { launch } from './launch.js';

await launch('cli');
