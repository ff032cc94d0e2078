/**
 * Helpers for the hostile-input tests of live co-editing (tests/integration/collab-hostile*.test.ts):
 * a stack of their own (TRUST_PROXY on, so each batch can come from its own address and the
 * per-address cap is testable without touching other test files), raw upgrade requests over
 * plain TCP, a raw Hocuspocus protocol client on top of `ws`, and the "is everything still
 * fine" check run after each batch: the server answers, it is the same process, and a
 * well-behaved editor's text is stored.
 */
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";
import WebSocket from "ws";
import { startStack, type Stack } from "./stack";
import { createSession } from "~/models/session.server";
import { db } from "~/utils/db.server";
import { restoreModelDatabase, useModelDatabase } from "./model-database";
import { createFullCase, createTestArea } from "./case-factories";
import { connectCollab, until, type CollabClient } from "./collab-client";
import { createOrganisation, createUser, uniqueSuffix } from "./factories";

export interface HostileWorld {
  stack: Stack;
  port: number;
  origin: string;
  caseId: string;
  /** Cookies: the well-behaved editor, the hostile editor, a member who only reads. */
  cookies: { editor: string; hostile: string; reader: string };
  users: { editor: { id: string; name: string }; hostile: { id: string; name: string }; reader: { id: string; name: string } };
  organisationName: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startHostileWorld(label: string, env: Record<string, string> = {}): Promise<HostileWorld> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `lb-${label}-`));
  const stack = await startStack({ dataDir, seed: false, search: false, env: { TRUST_PROXY: "true", ...env } });
  await useModelDatabase(stack.databaseUrl);
  const org = await createOrganisation();
  const area = await createTestArea();
  const [editor, hostile, reader] = await Promise.all([
    createUser({ memberships: [{ organisationId: org.id, role: "EDITOR" }] }),
    createUser({ memberships: [{ organisationId: org.id, role: "EDITOR" }] }),
    createUser({ memberships: [{ organisationId: org.id, role: "MEMBER" }] }),
  ]);
  const c = await createFullCase({ ownerOrganisationId: org.id, challengeAreaIds: [area.id], visibility: "PUBLIC" });
  const cookie = async (id: string) => `lb_session=${await createSession(id)}`;
  return {
    stack,
    port: Number(new URL(stack.baseUrl).port),
    origin: new URL(stack.baseUrl).origin,
    caseId: c.id,
    cookies: { editor: await cookie(editor.id), hostile: await cookie(hostile.id), reader: await cookie(reader.id) },
    users: { editor, hostile, reader },
    organisationName: org.name,
    pid: stack.pid(),
    async stop() {
      await restoreModelDatabase();
      await stack.stop();
      fs.writeFileSync(path.resolve("tests/.artifacts", `${label}-server-${Date.now()}.log`), stack.output());
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The stored plain text of the case (plain SQL). */
export async function storedText(caseId: string) {
  const rows = await db().$queryRaw<
    Array<{ plainText: string; contentVersion: number }>
  >`SELECT "plainText", "contentVersion" FROM "Case" WHERE id = ${caseId}`;
  return rows[0];
}

/**
 * The well-behaved editor: types a unique word per check and expects every word it ever
 * typed to be stored - so "nothing typed is lost" is checked again after every batch.
 */
export class Witness {
  client: CollabClient;
  typed: string[] = [];
  constructor(
    private world: HostileWorld,
    address = "198.51.100.1",
  ) {
    this.client = connectCollab({
      baseUrl: world.stack.baseUrl,
      caseId: world.caseId,
      cookie: world.cookies.editor,
      headers: { "X-Forwarded-For": address },
    });
  }
  /** The server still answers, is the same process, and stores what the witness types now (and everything before). */
  async check(batch: string) {
    const res = await fetch(`${this.world.stack.baseUrl}/healthz`);
    expect(res.status, `${batch}: /healthz`).toBe(200);
    expect(this.world.stack.pid(), `${batch}: the server was restarted`).toBe(this.world.pid);
    await this.client.synced(15_000);
    const word = `vitne${this.typed.length}x${uniqueSuffix().replace(/[^a-z0-9]/gi, "")}`;
    this.typed.push(word);
    this.client.appendParagraph("lessons", `${word} `);
    await until(
      async () => (await storedText(this.world.caseId)).plainText.includes(word),
      `${batch}: the witness's word is stored`,
      15_000,
    );
    const stored = (await storedText(this.world.caseId)).plainText;
    expect(
      this.typed.filter((w) => !stored.includes(w)),
      `${batch}: words lost`,
    ).toEqual([]);
  }
  destroy() {
    this.client.destroy();
  }
}

export interface RawResponse {
  /** First line of the answer ("" when the server closed without answering). */
  statusLine: string;
  status: number | null;
  text: string;
  /** The server closed the connection (rather than our timeout ending it). */
  closed: boolean;
}

/** Sends raw bytes as an HTTP request and reads the answer until close or `timeoutMs`. */
export function rawRequest(
  port: number,
  bytes: Buffer | string,
  timeoutMs = 2000,
  options: { reset?: "before" | "after-write" } = {},
): Promise<RawResponse> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    let text = "";
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const statusLine = text.split("\r\n")[0] ?? "";
      const m = /^HTTP\/1\.1 (\d{3})/.exec(statusLine);
      resolve({ statusLine, status: m ? Number(m[1]) : null, text, closed });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on("error", () => finish(true));
    socket.on("data", (d) => {
      text += d.toString("latin1");
      // A 101 keeps the socket open: the status line is all we need.
      if (/^HTTP\/1\.1 101/.test(text) && text.includes("\r\n\r\n")) finish(false);
    });
    socket.on("close", () => finish(true));
    socket.on("connect", () => {
      if (options.reset === "before") {
        socket.resetAndDestroy();
        finish(true);
        return;
      }
      socket.write(bytes, () => {
        if (options.reset === "after-write") {
          socket.resetAndDestroy();
          finish(true);
        }
      });
    });
  });
}

/** A valid WebSocket upgrade request (each part replaceable). */
export function upgradeRequest(parts: { method?: string; target?: string; headers?: Record<string, string | null>; extra?: string } = {}) {
  const headers: Record<string, string | null> = {
    Host: "localhost",
    Upgrade: "websocket",
    Connection: "Upgrade",
    "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
    "Sec-WebSocket-Version": "13",
    ...parts.headers,
  };
  const lines = [`${parts.method ?? "GET"} ${parts.target ?? "/collab"} HTTP/1.1`];
  for (const [k, v] of Object.entries(headers)) if (v !== null) lines.push(`${k}: ${v}`);
  return `${lines.join("\r\n")}\r\n${parts.extra ?? ""}\r\n`;
}

// ------------------------------------------------------------------ raw protocol client

export const MessageType = { Sync: 0, Awareness: 1, Auth: 2, QueryAwareness: 3, Stateless: 5, Close: 7, SyncStatus: 8 } as const;

export function message(documentName: string, build: (e: encoding.Encoder) => void) {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, documentName);
  build(e);
  return encoding.toUint8Array(e);
}

export const authMessage = (documentName: string, token = "session") =>
  message(documentName, (e) => {
    encoding.writeVarUint(e, MessageType.Auth);
    encoding.writeVarUint(e, 0);
    encoding.writeVarString(e, token);
  });

/** A Yjs update as the provider sends it (sync message, "update" sub-type). */
export const updateMessage = (documentName: string, update: Uint8Array, sub = 2) =>
  message(documentName, (e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, sub);
    encoding.writeVarUint8Array(e, update);
  });

export const awarenessMessage = (documentName: string, update: Uint8Array) =>
  message(documentName, (e) => {
    encoding.writeVarUint(e, MessageType.Awareness);
    encoding.writeVarUint8Array(e, update);
  });

export interface RawClient {
  ws: WebSocket;
  /** Resolves with the close code and reason (also when the socket never opened). */
  closed: Promise<{ code: number; reason: string }>;
  isClosed(): boolean;
  /** "authenticated:<scope>", "denied:<reason>" or null, from the server's auth answer. */
  auth(): string | null;
  /** Reasons of document-level close messages the server sent. */
  closeMessages: string[];
  /** How many updates the server acknowledged as applied (SyncStatus true). */
  syncAcks(): number;
  send(data: Uint8Array | string): void;
}

export function rawClient(
  port: number,
  options: { cookie?: string; origin?: string; address?: string; documentName?: string } = {},
): Promise<RawClient> {
  const headers: Record<string, string> = { Origin: options.origin ?? `http://localhost:${port}` };
  if (options.cookie) headers.Cookie = options.cookie;
  if (options.address) headers["X-Forwarded-For"] = options.address;
  const ws = new WebSocket(`ws://localhost:${port}/collab`, { headers, maxPayload: 64 * 1024 * 1024 });
  let auth: string | null = null;
  let closedFlag = false;
  const closeMessages: string[] = [];
  let syncAcks = 0;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on("close", (code, reason) => {
      closedFlag = true;
      resolve({ code, reason: reason.toString() });
    });
    ws.on("error", () => {
      /* the close event follows */
    });
    ws.on("unexpected-response", (_req, res) => {
      closedFlag = true;
      resolve({ code: res.statusCode ?? 0, reason: "http" });
      ws.terminate();
    });
  });
  ws.on("message", (data: Buffer) => {
    try {
      const d = decoding.createDecoder(new Uint8Array(data));
      decoding.readVarString(d);
      const type = decoding.readVarUint(d);
      if (type === MessageType.Auth) {
        const sub = decoding.readVarUint(d);
        const text = decoding.readVarString(d);
        auth = sub === 2 ? `authenticated:${text}` : `denied:${text}`;
      } else if (type === MessageType.Close) {
        closeMessages.push(decoding.readVarString(d));
      } else if (type === MessageType.SyncStatus && decoding.readVarUint(d) === 1) {
        syncAcks += 1;
      }
    } catch {
      /* not ours to judge */
    }
  });
  const client: RawClient = {
    ws,
    closed,
    isClosed: () => closedFlag,
    auth: () => auth,
    closeMessages,
    syncAcks: () => syncAcks,
    send(data) {
      if (ws.readyState === WebSocket.OPEN) ws.send(data);
    },
  };
  return new Promise((resolve) => {
    ws.on("open", () => resolve(client));
    void closed.then(() => resolve(client));
  });
}

/** A raw client that has authenticated for the case (or was refused). */
export async function authenticatedClient(world: HostileWorld, who: "editor" | "hostile" | "reader" | null, address: string) {
  const documentName = `case:${world.caseId}`;
  const c = await rawClient(world.port, { cookie: who ? world.cookies[who] : undefined, address });
  c.send(authMessage(documentName));
  await until(() => !!c.auth() || c.isClosed(), "the server's auth answer", 10_000);
  return c;
}
