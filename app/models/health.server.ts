/** Whether the database answers (readiness, server/readiness.ts). */
import { db } from "~/utils/db.server";

export async function pingDatabase(): Promise<void> {
  await db().$queryRaw`SELECT 1`;
}
