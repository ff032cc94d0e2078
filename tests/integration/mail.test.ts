/**
 * sendMail both ways: through a real SMTP conversation (a tiny in-test SMTP server) when
 * SMTP_URL is set, and into the JSON-lines mail log when it is not.
 */
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

interface Received {
  mailFrom: string;
  rcptTo: string[];
  data: string;
}

/** Just enough SMTP for nodemailer: EHLO, MAIL, RCPT, DATA, QUIT. */
function startSmtpServer() {
  const received: Received[] = [];
  const server = net.createServer((socket) => {
    socket.setEncoding("utf8");
    socket.write("220 test-smtp ESMTP\r\n");
    let buffer = "";
    let inData = false;
    let current: Received = { mailFrom: "", rcptTo: [], data: "" };
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          current.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          received.push(current);
          current = { mailFrom: "", rcptTo: [], data: "" };
          socket.write("250 2.0.0 queued\r\n");
          continue;
        }
        const eol = buffer.indexOf("\r\n");
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.split(/[ :]/)[0].toUpperCase();
        if (verb === "EHLO" || verb === "HELO") socket.write("250-test-smtp\r\n250 8BITMIME\r\n");
        else if (verb === "MAIL") {
          current.mailFrom = line;
          socket.write("250 OK\r\n");
        } else if (verb === "RCPT") {
          current.rcptTo.push(line);
          socket.write("250 OK\r\n");
        } else if (verb === "DATA") {
          inData = true;
          socket.write("354 go ahead\r\n");
        } else if (verb === "QUIT") socket.end("221 bye\r\n");
        else socket.write("250 OK\r\n");
      }
    });
  });
  return new Promise<{ port: number; received: Received[]; close: () => Promise<void> }>((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      resolve({ port, received, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

const saved = { SMTP_URL: process.env.SMTP_URL, MAIL_LOG: process.env.MAIL_LOG };
afterEach(() => {
  process.env.SMTP_URL = saved.SMTP_URL;
  process.env.MAIL_LOG = saved.MAIL_LOG;
  vi.resetModules();
});

/** A fresh copy of the mail module, so it reads the environment set up by the test. */
async function freshSendMail() {
  vi.resetModules();
  return (await import("~/utils/mail.server")).sendMail;
}

describe("sendMail", () => {
  it("delivers over SMTP when SMTP_URL is set", async () => {
    const smtp = await startSmtpServer();
    try {
      process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
      const sendMail = await freshSendMail();
      await sendMail({ to: "kari@example.test", subject: "Hei fra testen", text: "Dette er innholdet." });
      expect(smtp.received).toHaveLength(1);
      const [mail] = smtp.received;
      expect(mail.mailFrom).toMatch(/<ikke-svar@losningsbanken\.no>/);
      expect(mail.rcptTo).toEqual(["RCPT TO:<kari@example.test>"]);
      expect(mail.data).toMatch(/^Subject: Hei fra testen$/m);
      expect(mail.data).toMatch(/^To: kari@example\.test$/m);
      expect(mail.data).toContain("Dette er innholdet.");
    } finally {
      await smtp.close();
    }
  });

  it("sends HTML as multipart/alternative (text first) with the extra headers over SMTP, and logs them without SMTP", async () => {
    const smtp = await startSmtpServer();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-mail-"));
    const mail = {
      to: "kari@example.test",
      subject: "Nytt spørsmål",
      text: "Ren tekst her.",
      html: '<!doctype html><html lang="nb"><body><h1>HTML her</h1></body></html>',
      headers: {
        "List-Unsubscribe": "<http://localhost/unsubscribe/abc>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      },
    };
    try {
      process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
      await (
        await freshSendMail()
      )(mail);
      const data = smtp.received[0].data;
      expect(data).toMatch(/^Content-Type: multipart\/alternative;/m);
      expect(data).toMatch(/^List-Unsubscribe: <http:\/\/localhost\/unsubscribe\/abc>$/m);
      expect(data).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
      expect(data.indexOf("Content-Type: text/plain")).toBeGreaterThan(0);
      expect(data.indexOf("Content-Type: text/plain")).toBeLessThan(data.indexOf("Content-Type: text/html"));
      expect(data).toContain("Ren tekst her.");
      expect(data).toContain("<h1>HTML her</h1>");

      process.env.SMTP_URL = "";
      process.env.MAIL_LOG = path.join(dir, "mail.log");
      await (
        await freshSendMail()
      )(mail);
      const [line] = fs
        .readFileSync(process.env.MAIL_LOG, "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      expect(line).toMatchObject({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers });
    } finally {
      await smtp.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("appends one JSON line to MAIL_LOG (creating its folder) when there is no SMTP_URL", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-mail-"));
    try {
      process.env.SMTP_URL = "";
      process.env.MAIL_LOG = path.join(dir, "nested", "mail.log");
      const sendMail = await freshSendMail();
      await sendMail({ to: "ola@example.test", subject: "Første", text: "Linje 1\nLinje 2 med lenke http://x/y" });
      await sendMail({ to: "kari@example.test", subject: "Andre", text: "To" });
      const lines = fs
        .readFileSync(process.env.MAIL_LOG, "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatchObject({ to: "ola@example.test", subject: "Første", text: "Linje 1\nLinje 2 med lenke http://x/y" });
      expect(Number.isNaN(Date.parse(lines[0].at))).toBe(false);
      expect(lines[1]).toMatchObject({ to: "kari@example.test", subject: "Andre" });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("creates the mail log readable by its owner only (0600): it holds reset and invitation links", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-mail-"));
    try {
      process.env.SMTP_URL = "";
      process.env.MAIL_LOG = path.join(dir, "mail.log");
      const sendMail = await freshSendMail();
      await sendMail({ to: "ola@example.test", subject: "Tilbakestill passord", text: "http://x/reset-password/abc" });
      expect(fs.statSync(process.env.MAIL_LOG).mode & 0o777).toBe(0o600);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("narrows an existing, wider mail log to 0600 and keeps its lines", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-mail-"));
    try {
      process.env.SMTP_URL = "";
      const file = path.join(dir, "mail.log");
      process.env.MAIL_LOG = file;
      for (const mode of [0o644, 0o666, 0o640, 0o604]) {
        fs.writeFileSync(file, `${JSON.stringify({ to: "earlier@example.test" })}\n`);
        fs.chmodSync(file, mode);
        const sendMail = await freshSendMail();
        await sendMail({ to: "kari@example.test", subject: "Invitasjon", text: "http://x/invite/abc" });
        expect(fs.statSync(file).mode & 0o777).toBe(0o600);
        const lines = fs
          .readFileSync(file, "utf8")
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l));
        expect(lines.map((l) => l.to)).toEqual(["earlier@example.test", "kari@example.test"]);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
