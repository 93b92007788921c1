import { runCli } from './cli';

// The one entry point: run through tsx by bin/gongkai.js in development and tests, and bundled by
// esbuild into dist/gongkai.js for production (`npm run build`; README "Deployment").
await runCli(process.argv);
