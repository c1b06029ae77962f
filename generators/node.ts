/**
 * The generators plus what writes their output to files and Node streams, for Node:
 *
 *   await writeFixture({ kind: 'lb-record', count: 1e6, seed: 7 }, { data: await openFileSink('records.jsonl') });
 */
export * from './index.js';
export { openFileSink, streamSink } from './output/fileSinks.js';
