#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so there is no build step between
// `npm install` and `npm start`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
