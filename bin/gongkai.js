#!/usr/bin/env node
// Entry point of `npx gongkai` and `npm start`: runs the TypeScript sources through tsx's loader.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/app/cli.ts');
await runCli(process.argv);
