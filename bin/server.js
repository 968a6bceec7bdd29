#!/usr/bin/env node
// `npm start`: runs dist/server.js when it is a build of the current sources, else src/server/main.ts through tsx
// (bin/launch.js).
import { launch } from './launch.js';

await launch('server');
