import { main } from './main.js';

// Entry point for running the CLI from its sources (tests, `tsx cli/run.ts`); bin/bulkmock.js runs the build.
process.exitCode = await main(process.argv.slice(2));
