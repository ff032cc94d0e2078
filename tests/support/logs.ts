/** The server's log (JSON lines when stdout is not a terminal: app/utils/logger.server.ts), parsed. */
export interface LogLine {
  level: string;
  time: string;
  component?: string;
  msg: string;
  reqId?: string;
  err?: { type?: string; message?: string; stack?: string };
  [key: string]: unknown;
}

/** Every line of `output` that is a log line (other output, e.g. of child processes, is skipped). */
export function logLines(output: string): LogLine[] {
  const lines: LogLine[] = [];
  for (const text of output.split("\n")) {
    if (!text.startsWith("{")) continue;
    try {
      const line = JSON.parse(text) as LogLine;
      if (typeof line.msg === "string" && typeof line.level === "string") lines.push(line);
    } catch {
      /* not a log line */
    }
  }
  return lines;
}
