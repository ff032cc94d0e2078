import { afterAll, vi } from "vitest";
import { errorsLogged } from "~/utils/metrics.server";

// console.error during a test is a failure (house style), in unit and integration tests alike;
// so is a log line at level error or fatal from code running in the test process (the logger
// counts them: lb_log_errors_total).
const originalError = console.error;
const errors: unknown[][] = [];
vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
  errors.push(args);
  originalError(...args);
});

afterAll(async () => {
  if (errors.length) throw new Error(`console.error was called ${errors.length} time(s): ${String(errors[0][0])}`);
  const logged = await errorsLogged();
  if (logged) throw new Error(`${logged} log line(s) at level error or fatal (see the output above)`);
});
