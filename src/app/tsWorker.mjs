// The entry of a worker thread that runs a TypeScript module (workerData.module, a file
// URL). Loader hooks registered in the parent thread (bin/jinfu.mjs, the test runner) do
// not reach a new thread, so it registers tsx itself before importing the module.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
