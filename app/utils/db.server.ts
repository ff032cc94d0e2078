import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { env } from "~/utils/env.server";

declare global {
  var __lbPrisma: PrismaClient | undefined;
}

function createClient() {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start` or set it in .env.");
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
}

/** One Prisma client per process (survives module reloads in development). */
export function db(): PrismaClient {
  globalThis.__lbPrisma ??= createClient();
  return globalThis.__lbPrisma;
}

export async function disconnectDb() {
  if (globalThis.__lbPrisma) {
    await globalThis.__lbPrisma.$disconnect();
    globalThis.__lbPrisma = undefined;
  }
}

export type { PrismaClient };
export { Prisma } from "~/generated/prisma/client";
