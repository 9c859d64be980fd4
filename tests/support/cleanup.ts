import { afterEach } from 'vitest';

/** Runs each registered step after every test of the file, the last registered first. */
export function cleanupAfterEach(): (step: () => unknown) => void {
  const steps: (() => unknown)[] = [];
  afterEach(async () => {
    for (const step of steps.splice(0).reverse()) await step();
  });
  return (step) => steps.push(step);
}
