// npm run bench <name>: load and scale benchmarks. Each prints its figures and writes them to .tmp/bench-<name>.json.
const BENCHES: Record<string, () => Promise<unknown>> = {
  arrivals: async () => (await import('./arrivals')).run(),
  observation: async () => (await import('./observation')).run(),
  dashboard: async () => (await import('./dashboard')).run(),
  cases: async () => (await import('./cases')).run(),
};

const which = process.argv[2];
if (!which || !BENCHES[which]) {
  console.error(`usage: npm run bench <${Object.keys(BENCHES).join('|')}>`);
  process.exit(2);
}
await BENCHES[which]();
export {};
