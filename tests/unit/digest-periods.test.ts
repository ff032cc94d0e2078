import { describe, expect, it } from "vitest";
import { currentPeriod, nextPeriod, osloTime, startOfOsloDay } from "~/notifications/digest-periods";

describe("digest periods (Europe/Oslo)", () => {
  it("a daily period starts at the digest hour, Oslo time, winter and summer", () => {
    // 5 Dec 2026 06:59 Oslo (CET, UTC+1) is still in the period of 4 Dec.
    expect(currentPeriod("DAILY", new Date("2026-12-05T05:59:00Z"), 7)).toEqual({
      frequency: "DAILY",
      key: "2026-12-04",
      boundary: new Date("2026-12-04T06:00:00Z"),
    });
    expect(currentPeriod("DAILY", new Date("2026-12-05T06:00:00Z"), 7).key).toBe("2026-12-05");
    // Summer (CEST, UTC+2): 07:00 Oslo is 05:00 UTC.
    expect(currentPeriod("DAILY", new Date("2026-06-10T05:00:00Z"), 7).boundary).toEqual(new Date("2026-06-10T05:00:00Z"));
    expect(currentPeriod("DAILY", new Date("2026-06-10T04:59:59Z"), 7).key).toBe("2026-06-09");
  });

  it("a weekly period starts on Monday at the digest hour and is keyed by ISO week", () => {
    // Friday 4 Dec 2026: the week began Monday 30 Nov (ISO week 49).
    const p = currentPeriod("WEEKLY", new Date("2026-12-04T12:00:00Z"), 7);
    expect(p.key).toBe("2026-W49");
    expect(p.boundary).toEqual(new Date("2026-11-30T06:00:00Z"));
    // Monday 7 Dec before 07:00 is still week 49's period; at 07:00 week 50 starts.
    expect(currentPeriod("WEEKLY", new Date("2026-12-07T05:59:00Z"), 7).key).toBe("2026-W49");
    expect(currentPeriod("WEEKLY", new Date("2026-12-07T06:00:00Z"), 7).key).toBe("2026-W50");
    // ISO week years: Monday 28 Dec 2026 is week 53 of 2026; 4 Jan 2027 is week 1 of 2027.
    expect(currentPeriod("WEEKLY", new Date("2026-12-30T12:00:00Z"), 7).key).toBe("2026-W53");
    expect(currentPeriod("WEEKLY", new Date("2027-01-05T12:00:00Z"), 7).key).toBe("2027-W01");
  });

  it("crosses the daylight-saving changes and finds the next period", () => {
    // 29 Mar 2026: clocks go 02:00 -> 03:00; 07:00 that day is 05:00 UTC.
    expect(osloTime(2026, 3, 29, 7)).toEqual(new Date("2026-03-29T05:00:00Z"));
    expect(osloTime(2026, 3, 28, 7)).toEqual(new Date("2026-03-28T06:00:00Z"));
    expect(nextPeriod("DAILY", new Date("2026-03-28T12:00:00Z"), 7)).toMatchObject({
      key: "2026-03-29",
      boundary: new Date("2026-03-29T05:00:00Z"),
    });
    expect(nextPeriod("WEEKLY", new Date("2026-12-04T12:00:00Z"), 7).key).toBe("2026-W50");
    expect(startOfOsloDay(new Date("2026-12-04T23:30:00Z"))).toEqual(new Date("2026-12-04T23:00:00Z"));
  });
});
