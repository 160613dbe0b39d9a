// WAL checkpoints copy committed pages back into the database file and fsync it.
// Left to SQLite, they run inside whichever commit crosses the threshold, on the
// request path. Here a worker thread with its own connection runs them, passively
// (never blocking a writer), so the event loop only appends to the WAL.
import { Worker } from 'node:worker_threads';

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy: next round */ }
}, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(file: string, driverPath: string, intervalMs = 500): Checkpointer {
  const worker = new Worker(WORKER, { eval: true, workerData: { file, driver: driverPath, intervalMs } });
  worker.unref();
  return {
    async stop() {
      worker.ref(); // keep the process alive until the worker has closed its connection
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage('stop');
      await exited;
    },
  };
}
