/**
 * Imported FIRST by app/root.tsx, so it runs before any schema is built (route modules are
 * evaluated before entry.client). zod probes `new Function("")` when it builds an object
 * schema, to compile faster validators; in the browser the Content-Security-Policy (no
 * 'unsafe-eval') refuses that and reports a violation on every page. The browser validates
 * small forms only: zod's plain interpreter is just as good there. The server keeps the JIT.
 */
import { z } from "zod";

if (typeof document !== "undefined") z.config({ jitless: true });
