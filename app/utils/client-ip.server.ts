import type { AppLoadContext } from "@remix-run/node";

/** The client's IP as server/app.ts puts it into the load context (honours TRUST_PROXY). */
export function clientIp(context: AppLoadContext): string {
  const ip = (context as { clientIp?: unknown }).clientIp;
  return typeof ip === "string" && ip ? ip : "unknown";
}
