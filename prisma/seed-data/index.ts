import { samanOmCases } from "./cases-saman-om";
import { otherCases } from "./cases-other";
import { adaptedCases } from "./cases-adapted";
import type { SeedCase } from "./types";

export { challengeAreas } from "./challenge-areas";
export { organisations } from "./organisations";
export { users } from "./users";
export type { SeedCase } from "./types";

export const cases: SeedCase[] = [...samanOmCases, ...otherCases, ...adaptedCases];
