// What the live path costs, counted where the work happens, for the fan-out benchmark
// (bench/fan-out.bench.ts) and for whoever profiles a busy server.
export const liveMetrics = {
  /** Executions of a subscription's selection for an event: the fan-out's unit of work. */
  executions: 0,
};
