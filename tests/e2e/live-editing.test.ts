/**
 * Live co-editing in real browsers against the real Hocuspocus endpoint: two editors from
 * different organisations on one case see each other's text, carets and names; a reader
 * follows along but cannot type; an edit made offline is kept and saved on reconnect, and
 * leaving with unsaved edits asks first.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { getCaseById } from "~/models/case.server";
import { docToText, type CaseSections } from "~/editor/sections";
import { expectNoAxeViolations, loginInBrowser } from "../support/browser";
import { useBrowser, visit } from "../support/browser-session";
import { createCaseWorld, createFullCase } from "../support/case-factories";

const browser = useBrowser();

const liveEditor = (page: Page, section: string) => page.locator(`.ProseMirror#f-sections-${section}`);

async function openLiveEditor(page: Page, slug: string) {
  await visit(page, `/cases/${slug}/edit`);
  // Editable only after the first sync with the server.
  await expect.poll(() => page.locator(".ProseMirror[contenteditable=true]").count(), { timeout: 10_000 }).toBe(6);
}

async function storedText(caseId: string, section: keyof CaseSections) {
  const c = await getCaseById(caseId);
  return docToText((c!.sections as unknown as CaseSections)[section]);
}

/**
 * A network switch for the page's WebSockets (Chromium's offline emulation leaves open
 * WebSockets alone). While "down", open sockets are dropped and new ones fail like a dead
 * network would (closed with 1006) - without touching the network, so the browser logs nothing.
 */
async function installNetworkSwitch(page: Page, startDown = false) {
  await page.addInitScript((down: boolean) => {
    const Native = window.WebSocket;
    const state = { down, sockets: [] as WebSocket[] };
    (window as unknown as { __lbNet: typeof state }).__lbNet = state;
    class DeadSocket extends EventTarget {
      static readonly CONNECTING = 0;
      static readonly OPEN = 1;
      static readonly CLOSING = 2;
      static readonly CLOSED = 3;
      readyState = 0;
      binaryType = "blob";
      onopen: ((e: Event) => void) | null = null;
      onclose: ((e: CloseEvent) => void) | null = null;
      onerror: ((e: Event) => void) | null = null;
      onmessage: ((e: MessageEvent) => void) | null = null;
      constructor(readonly url: string) {
        super();
        setTimeout(() => {
          this.readyState = 3;
          const event = new CloseEvent("close", { code: 1006, reason: "" });
          this.onclose?.(event);
          this.dispatchEvent(event);
        }, 50);
      }
      send() {}
      close() {}
    }
    const Switched = function (url: string | URL, protocols?: string | string[]) {
      if (state.down) return new DeadSocket(String(url));
      const ws = new Native(url, protocols);
      state.sockets.push(ws);
      return ws;
    } as unknown as typeof WebSocket;
    Object.assign(Switched, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
    window.WebSocket = Switched;
  }, startDown);
  return (down: boolean) =>
    page.evaluate((d) => {
      const net = (window as unknown as { __lbNet: { down: boolean; sockets: WebSocket[] } }).__lbNet;
      net.down = d;
      if (d) net.sockets.forEach((ws) => ws.close());
    }, down);
}

async function typeAtEnd(page: Page, section: string, text: string) {
  await liveEditor(page, section).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(text);
}

/** The owner's editor (page a) and the co-owner's editor (page b), both on the live edit page of a new case. */
async function twoEditorsOnOneCase(visibility: "DRAFT" | "MEMBERS" | "PUBLIC") {
  const world = await createCaseWorld();
  const c = await createFullCase({
    ownerOrganisationId: world.owner.id,
    coOwnerIds: [world.coOwner.id],
    challengeAreaIds: [world.area.id],
    visibility,
  });
  const a = await browser.newPage();
  const b = await browser.newPage();
  await loginInBrowser(a, world.users.ownerEditor.email, world.users.ownerEditor.password);
  await loginInBrowser(b, world.users.coOwnerEditor.email, world.users.coOwnerEditor.password);
  await openLiveEditor(a, c.slug);
  await openLiveEditor(b, c.slug);
  return { world, c, a, b };
}

describe("live co-editing in the browser", () => {
  it("two editors from different organisations see each other's text, carets and names", async () => {
    const { world, c, a, b } = await twoEditorsOnOneCase("MEMBERS");
    // The server-built document holds the stored text exactly once (nobody seeded it twice).
    const challenge = await liveEditor(b, "challenge").textContent();
    expect(challenge?.match(/Utfordringen/g)?.length).toBe(1);

    await typeAtEnd(a, "challenge", " Skrevet av eieren.");
    await expect.poll(() => liveEditor(b, "challenge").textContent()).toContain("Skrevet av eieren.");
    await typeAtEnd(b, "lessons", " Lagt til av medeieren.");
    await expect.poll(() => liveEditor(a, "lessons").textContent()).toContain("Lagt til av medeieren.");

    // Carets carry name and organisation; the list says who else is here.
    await expect
      .poll(() => a.locator(".collab-caret__label").allTextContents())
      .toContain(`${world.users.coOwnerEditor.name} (${world.coOwner.name})`);
    await expect
      .poll(() => b.locator(".live-people").textContent())
      .toContain(`${world.users.ownerEditor.name}, ${world.owner.name} – redigerer`);

    // Both edits reach the database; the status says so.
    await expect.poll(() => storedText(c.id, "challenge"), { timeout: 10_000 }).toContain("Skrevet av eieren.");
    await expect.poll(() => storedText(c.id, "lessons"), { timeout: 10_000 }).toContain("Lagt til av medeieren.");
    await expect.poll(() => a.locator(".live-status").getAttribute("data-state")).toBe("saved");
    await expectNoAxeViolations(a, "live edit page with two editors");
  });

  it("undo only takes back your own typing, never a co-author's", async () => {
    const { a, b } = await twoEditorsOnOneCase("DRAFT");
    await typeAtEnd(a, "challenge", " Eierens setning.");
    await expect.poll(() => liveEditor(b, "challenge").textContent()).toContain("Eierens setning.");
    await typeAtEnd(b, "challenge", " Medeierens setning.");
    await expect.poll(() => liveEditor(a, "challenge").textContent()).toContain("Medeierens setning.");

    // A undoes with the keyboard shortcut: A's sentence goes, B's stays - in both browsers.
    await liveEditor(a, "challenge").focus();
    await a.keyboard.press("Control+z");
    await expect.poll(() => liveEditor(a, "challenge").textContent()).not.toContain("Eierens setning.");
    expect(await liveEditor(a, "challenge").textContent()).toContain("Medeierens setning.");
    await expect.poll(() => liveEditor(b, "challenge").textContent()).not.toContain("Eierens setning.");
    expect(await liveEditor(b, "challenge").textContent()).toContain("Medeierens setning.");
    // Redo from the toolbar brings it back.
    await a.getByRole("button", { name: "Gjør om" }).first().click();
    await expect.poll(() => liveEditor(b, "challenge").textContent()).toContain("Eierens setning.");
  });

  it("a reader follows the live text on the case page but cannot type into it", async () => {
    const world = await createCaseWorld();
    const c = await createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility: "PUBLIC" });
    const editorPage = await browser.newPage();
    const reader = await browser.newPage();
    await loginInBrowser(editorPage, world.users.ownerEditor.email, world.users.ownerEditor.password);
    await loginInBrowser(reader, world.users.otherMember.email, world.users.otherMember.password);
    await openLiveEditor(editorPage, c.slug);
    await visit(reader, `/cases/${c.slug}`);
    await reader.waitForSelector("[data-live=synced]", { timeout: 10_000 });
    // No edit link for a reader, and the live text is not editable.
    expect(await reader.getByRole("link", { name: "Rediger" }).count()).toBe(0);
    expect(await reader.locator("#live-lessons").getAttribute("contenteditable")).toBe("false");

    // The editor sees who is following along, and that they are only reading.
    await expect
      .poll(() => editorPage.locator(".live-people").textContent())
      .toContain(`${world.users.otherMember.name}, ${world.other.name} – leser`);
    await typeAtEnd(editorPage, "lessons", " Skrevet mens leseren ser på.");
    await expect.poll(() => reader.locator("#live-lessons").textContent()).toContain("Skrevet mens leseren ser på.");

    await reader.locator("#live-lessons").click();
    await reader.keyboard.type("LESEREN SKRIVER");
    await expect.poll(() => storedText(c.id, "lessons"), { timeout: 10_000 }).toContain("Skrevet mens leseren ser på.");
    // No sleep: an edit would first land in the reader's own document (only from there could it
    // be sent), and the keystrokes have been handled once keyboard.type resolved. Then a later
    // edit by the editor makes the round trip through the server to the reader and the database.
    expect(await reader.locator("#live-lessons").textContent()).not.toContain("LESEREN");
    await typeAtEnd(editorPage, "lessons", " Etter leserens forsøk.");
    await expect.poll(() => reader.locator("#live-lessons").textContent()).toContain("Etter leserens forsøk.");
    await expect.poll(() => storedText(c.id, "lessons"), { timeout: 10_000 }).toContain("Etter leserens forsøk.");
    expect(await reader.locator("#live-lessons").textContent()).not.toContain("LESEREN");
    expect(await liveEditor(editorPage, "lessons").textContent()).not.toContain("LESEREN");
    expect(await storedText(c.id, "lessons")).not.toContain("LESEREN");
    await expectNoAxeViolations(reader, "case page following the live document");
  });

  it("keeps an edit made offline, saves it on reconnect, and asks before leaving with unsaved edits", async () => {
    const world = await createCaseWorld();
    const c = await createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility: "DRAFT" });
    const page = await browser.newPage();
    const network = await installNetworkSwitch(page);
    await loginInBrowser(page, world.users.ownerEditor.email, world.users.ownerEditor.password);
    await openLiveEditor(page, c.slug);
    await expect.poll(() => page.locator(".live-status").getAttribute("data-state")).toBe("saved");

    await network(true);
    await expect.poll(() => page.locator(".live-status").getAttribute("data-state"), { timeout: 10_000 }).toMatch(/^offline/);
    await typeAtEnd(page, "whatWeDid", " Skrevet uten nett.");
    await expect.poll(() => page.locator(".live-status").getAttribute("data-state")).toBe("offlineUnsaved");
    expect(await page.locator(".live-status").textContent()).toContain("ikke lukk siden");

    // Leaving now asks first.
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.type());
      void dialog.dismiss();
    });
    await page.evaluate(() => (window.location.href = "/"));
    await expect.poll(() => dialogs).toContain("beforeunload");
    expect(page.url()).toContain(`/cases/${c.slug}/edit`);

    await network(false);
    await expect.poll(() => page.locator(".live-status").getAttribute("data-state"), { timeout: 30_000 }).toBe("saved");
    await expect.poll(() => storedText(c.id, "whatWeDid"), { timeout: 10_000 }).toContain("Skrevet uten nett.");
  });

  it("falls back to saving the sections with the form when live editing cannot connect", async () => {
    const world = await createCaseWorld();
    const c = await createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility: "DRAFT" });
    const page = await browser.newPage();
    // WebSockets never connect on this page (a proxy that blocks them).
    await installNetworkSwitch(page, true);
    await loginInBrowser(page, world.users.ownerEditor.email, world.users.ownerEditor.password);
    await visit(page, `/cases/${c.slug}/edit`);
    await expect.poll(() => page.locator(".live-status").getAttribute("data-state")).toMatch(/^(connecting|offline)$/);
    // After the timeout the sections become ordinary (non-live) editors saved by the form.
    await expect.poll(() => page.getByText("Samskriving er ikke tilgjengelig akkurat nå").count(), { timeout: 25_000 }).toBe(1);
    await expect.poll(() => page.locator(".ProseMirror[contenteditable=true]").count()).toBe(6);
    await typeAtEnd(page, "lessons", " Lagret med skjemaet.");
    await page.getByRole("button", { name: "Lagre endringer" }).click();
    await page.waitForURL(/\/cases\/[^/]+\?saved=1$/);
    expect(await storedText(c.id, "lessons")).toContain("Lagret med skjemaet.");
  }, 60_000);
});
