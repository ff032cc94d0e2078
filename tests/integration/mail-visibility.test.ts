/**
 * 0 leaks in notification mail (issue 11, decision 021), randomized: in random networks
 * (tests/support/visibility-world.ts) users get notifications about random cases - also ones
 * they may not see - with random mail settings; then visibility, deletions, co-owners and
 * memberships change at random BEFORE anything is sent. The server's mail consumer sends the
 * immediate mails, a daily and a weekly digest tick follow. Every mail is then checked against
 * the policy on the state at sending time: it names no case its recipient may not see. And it
 * is not vacuous: every notification the recipient may see (kind not off) was mailed.
 */
import { describe, expect, it } from "vitest";
import { runDigestTick } from "~/events/mail.server";
import { setMailFrequencies } from "~/models/notification-setting.server";
import { nextPeriod } from "~/notifications/digest-periods";
import { MAIL_FREQUENCIES, NOTIFICATION_KINDS } from "~/notifications/kinds";
import { recordEvent } from "~/models/events.server";
import { db } from "~/utils/db.server";
import { mailsTo } from "../support/mail";
import { mailSettled, notifyDirect, outcomesOf } from "../support/mail-notifications";
import { createVisibilityWorld } from "../support/visibility-world";

const SEEDS = [0x5eed_0021, 0x0ddba11, Number(process.env.MAIL_VISIBILITY_SEED ?? Date.now() % 2 ** 31)];

describe("notification mail never names a case its recipient may not see at sending time", () => {
  it.each(SEEDS)(
    "seed %i",
    async (seed) => {
      const world = await createVisibilityWorld(seed, { organisations: 4, users: 10, cases: 10 });
      const { rng } = world;
      // Dated a month ahead, with digest ticks "then": other test files' ticks (which run at the
      // next real digest time) never take these notifications before the world changed.
      const future = new Date(Date.now() + 30 * 24 * 3600 * 1000);
      const notified: Array<{ userId: string; ids: string[]; caseIds: string[]; kinds: string[] }> = [];
      for (const user of world.users) {
        // Random settings: every frequency occurs, kinds default otherwise.
        await setMailFrequencies(
          user.id,
          Object.fromEntries(NOTIFICATION_KINDS.filter(() => rng.chance(0.6)).map((k) => [k, rng.pick(MAIL_FREQUENCIES)])),
        );
        const specs = Array.from({ length: 2 + rng.int(7) }, (_, i) => {
          const kind = rng.pick(NOTIFICATION_KINDS.filter((k) => k !== "invitation"));
          return { kind, caseId: rng.pick(world.cases).id, createdAt: new Date(future.getTime() + i) };
        });
        // Rows first, the consumer's event only after the world changed (the mail is "later").
        const ids = await notifyDirect(user.id, specs, { event: false });
        notified.push({ userId: user.id, ids, caseIds: specs.map((s) => s.caseId), kinds: specs.map((s) => s.kind) });
      }
      const changes = await world.shake(12);

      const before = new Map(world.users.map((u) => [u.id, mailsTo(u.email).length]));
      await db().$transaction(async (tx) => {
        for (const n of notified) {
          await recordEvent(tx, { type: "notifications.created", entity: "user", entityId: n.userId, payload: { notificationIds: n.ids } });
        }
      });
      await mailSettled(world.users.map((u) => u.id));
      const daily = new Date(nextPeriod("DAILY", future, 7).boundary.getTime() + 30_000);
      const weekly = new Date(nextPeriod("WEEKLY", future, 7).boundary.getTime() + 30_000);
      await runDigestTick({ now: daily, onlyUserIds: world.users.map((u) => u.id) });
      await runDigestTick({ now: weekly, onlyUserIds: world.users.map((u) => u.id) });

      const context = `seed ${seed}; changes: ${changes.join("; ")}`;
      let mailed = 0;
      let hidden = 0;
      for (const user of world.users) {
        const mails = mailsTo(user.email).slice(before.get(user.id));
        for (const mail of mails) {
          for (const c of world.cases) {
            if (!(mail.text.includes(c.title) || mail.html?.includes(c.title) || mail.text.includes(`/cases/${c.slug}`))) continue;
            expect(await world.canSee(user.id, c.id), `${context}: mail "${mail.subject}" to ${user.email} names ${c.title}`).toBe(true);
          }
        }
        const n = notified.find((x) => x.userId === user.id)!;
        const outcomes = await outcomesOf(n.ids);
        for (let i = 0; i < n.ids.length; i++) {
          const visible = await world.canSee(user.id, n.caseIds[i]);
          if (outcomes[i] === "hidden") {
            hidden++;
            expect(visible, `${context}: a visible notification was skipped`).toBe(false);
          } else if (outcomes[i] === "immediate" || outcomes[i] === "digest") {
            mailed++;
            expect(visible, `${context}: outcome ${outcomes[i]} for a case ${user.email} may not see`).toBe(true);
            const title = world.cases.find((c) => c.id === n.caseIds[i])!.title;
            expect(
              mails.some((m) => m.text.includes(title)),
              `${context}: ${title} was mailed to ${user.email}`,
            ).toBe(true);
          } else {
            // Undecided: only a kind the user turned off.
            const frequency = (await db().notificationSetting.findUnique({ where: { userId_kind: { userId: user.id, kind: n.kinds[i] } } }))
              ?.frequency;
            expect(frequency, `${context}: notification ${n.ids[i]} (${n.kinds[i]}) neither mailed nor skipped`).toBe("OFF");
          }
        }
      }
      // Not vacuous: both paths were exercised.
      expect(mailed, `${context}: something was mailed`).toBeGreaterThan(0);
      expect(hidden, `${context}: something was hidden`).toBeGreaterThan(0);
    },
    120_000,
  );
});
