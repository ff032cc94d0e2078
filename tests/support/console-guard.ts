import { afterAll, vi } from "vitest";

// console.error during a test is a failure (house style), in unit and integration tests alike.
const originalError = console.error;
const errors: unknown[][] = [];
vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
  errors.push(args);
  originalError(...args);
});

afterAll(() => {
  if (errors.length) throw new Error(`console.error was called ${errors.length} time(s): ${String(errors[0][0])}`);
});
