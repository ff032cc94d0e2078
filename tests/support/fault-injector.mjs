// Preloaded into a test server (`node --import`): on SIGUSR2 it reads LB_TEST_FAULT_FILE and
// raises what it says inside the web process - "reject": an unhandled promise rejection,
// "throw": an uncaught exception - so the process-level safety nets can be tested without a
// real bug. Never loaded outside tests.
import fs from "node:fs";

process.on("SIGUSR2", () => {
  const what = fs.readFileSync(process.env.LB_TEST_FAULT_FILE ?? "", "utf8").trim();
  if (what === "reject") void Promise.reject(new Error("injected rejection for a test"));
  if (what === "throw")
    setImmediate(() => {
      throw new TypeError("injected exception for a test");
    });
});
