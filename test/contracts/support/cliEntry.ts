// bin/bulkmock.js runs the compiled CLI; this runs it from source, for tests that need a process.
import { main } from '../../../cli/main.js';

process.exitCode = await main(process.argv.slice(2));
