/** Demo data. Placeholder until the seed lands: creates nothing. */
export const DEMO_PASSWORD = "demo-passord-2026";
export async function seedIfEmpty(_opts: { log: (l: string) => void }) {
  return { seeded: false, logins: [] as Array<{ email: string; role: string }> };
}
