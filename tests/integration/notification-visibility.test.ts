/**
 * 0 leaks (issue 11): in a randomized world (tests/support/notification-world.ts; replay a
 * failure with NOTIFY_LEAK_SEED=<seed>) of organisations, users, memberships, follows and cases
 * of every visibility, random events go through the real models and the server's
 * notifications consumer; between the events and the reading, visibility changes again (cases
 * back to draft, memberships removed, cases deleted). Then, for every user, what they are
 * shown - the rows listNotifications returns, the unread count, and for a sample the
 * /notifications page and the header over HTTP - mentions no case they may not see now.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { countUnreadNotifications, listNotifications } from "~/models/notification.server";
import { viewerForUser } from "~/models/viewer.server";
import { db } from "~/utils/db.server";
import { loggedIn } from "../support/case-factories";
import { buildNotificationWorld, type NotificationWorld } from "../support/notification-world";

const SEED = Number(process.env.NOTIFY_LEAK_SEED ?? 20261205);
const ROUNDS = 3;

let world: NotificationWorld;
beforeAll(async () => {
  world = await buildNotificationWorld({ seed: SEED, organisations: 5, users: 20, areas: 3, withPassword: 3 });
}, 120_000);

describe(`notification visibility (seed ${SEED})`, () => {
  it("never shows a notification, a count or a title of a case the reader may not see at reading time", async () => {
    let shown = 0;
    let hidden = 0;
    for (let round = 0; round < ROUNDS; round++) {
      await world.randomSteps(14);
      await world.settle();
      await world.randomAccessChanges(5);
      for (const user of world.users) {
        const viewer = (await viewerForUser(user.id))!;
        const invisible = await world.invisibleCaseIdsFor(user.id);
        const rows = await db().notification.findMany({ where: { userId: user.id }, select: { id: true, caseId: true, readAt: true } });
        const visibleRows = rows.filter((r) => !r.caseId || !invisible.has(r.caseId));
        hidden += rows.length - visibleRows.length;

        // Every page of the list, and its totals.
        const ids: string[] = [];
        for (let page = 1; ; page++) {
          const list = await listNotifications(viewer, { page, pageSize: 7 });
          ids.push(...list.items.map((i) => i.id));
          for (const item of list.items) {
            if (item.case)
              expect(
                [...invisible].map((id) => world.titles.get(id)),
                `${user.label} round ${round}`,
              ).not.toContain(item.case.title);
          }
          expect(list.total, `${user.label}: total counts only visible rows`).toBe(visibleRows.length);
          if (page >= list.pageCount) break;
        }
        expect(new Set(ids), `${user.label} round ${round}: exactly the visible rows (log: ${world.log.join("; ")})`).toEqual(
          new Set(visibleRows.map((r) => r.id)),
        );
        expect(await countUnreadNotifications(viewer)).toBe(visibleRows.filter((r) => !r.readAt).length);
        shown += visibleRows.length;
      }

      // The page and the header, as the browser gets them, for the users who can log in.
      for (const user of world.users.filter((u) => u.password)) {
        const client = await loggedIn({ email: user.email, password: user.password! });
        const invisible = await world.invisibleCaseIdsFor(user.id);
        for (let page = 1; page <= 5; page++) {
          const res = await client.page(page === 1 ? "/notifications" : `/notifications?page=${page}`);
          if (res.status === 302) break;
          expect(res.status).toBe(200);
          for (const id of invisible) expect(res.html, `${user.label} sees ${world.titles.get(id)}`).not.toContain(world.titles.get(id)!);
        }
      }
    }
    // Not vacuous: people were told things, and some rows were hidden again by later changes.
    expect(shown).toBeGreaterThan(0);
    expect(hidden).toBeGreaterThan(0);
  }, 300_000);
});
