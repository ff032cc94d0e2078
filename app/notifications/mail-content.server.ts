/**
 * The notification mails' content (docs/decisions/021): one immediate mail per notification,
 * one digest per user and period grouped by kind and case. Always both plain text and HTML,
 * in the recipient's language, with the unsubscribe links (signed tokens) in the body and the
 * RFC 8058 headers. Pure apart from reading APP_URL and signing the tokens: the caller has
 * already checked that the recipient may see every case named here.
 */
import { NOTIFICATION_KINDS, type NotificationKind } from "~/notifications/kinds";
import { unsubscribeToken, type UnsubscribeScope } from "~/notifications/unsubscribe-token.server";
import { env } from "~/utils/env.server";
import { formatDate, getFixedT, type AppLocale } from "~/utils/i18n";
import type { Mail } from "~/utils/mail.server";

export interface MailRecipient {
  id: string;
  email: string;
  name: string;
  locale: AppLocale;
}

/** One notification, resolved for mailing (names read fresh; the case only when visible to the recipient). */
export interface MailItem {
  id: string;
  kind: NotificationKind;
  createdAt: Date;
  case: { id: string; title: string; slug: string } | null;
  organisationName?: string | null;
  areaName?: string | null;
  actorName?: string | null;
}

export type DigestFrequency = "DAILY" | "WEEKLY";

type T = ReturnType<typeof getFixedT>;

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function urls(recipient: MailRecipient) {
  const base = env().APP_URL;
  return {
    base,
    notifications: `${base}/notifications`,
    settings: `${base}/me/notification-settings`,
    unsubscribe: (scope: UnsubscribeScope) => `${base}/unsubscribe/${unsubscribeToken(recipient.id, scope)}`,
    caseUrl: (slug: string) => `${base}/cases/${encodeURIComponent(slug)}`,
  };
}

/** The one-line description of a notification ("Ny case i Sykefravær: «...»"). */
export function itemLine(t: T, item: MailItem): string {
  const title = item.case?.title ?? "";
  let line: string;
  switch (item.kind) {
    case "case_published":
      if (item.areaName) line = t("item.case_published_area", { title, area: item.areaName });
      else if (item.organisationName) line = t("item.case_published_org", { title, organisation: item.organisationName });
      else line = t("item.case_published", { title });
      break;
    case "case_adapted":
      line = item.organisationName
        ? t("item.case_adapted_org", { title, organisation: item.organisationName })
        : t("item.case_adapted", { title });
      break;
    case "invitation":
      line = item.organisationName ? t("item.invitation", { organisation: item.organisationName }) : t("item.invitation_unknown");
      break;
    default:
      line = t(`item.${item.kind}`, { title });
  }
  return item.actorName ? `${line} (${t("item.by", { name: item.actorName })})` : line;
}

function htmlDocument(locale: AppLocale, title: string, body: string) {
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
</head>
<body style="font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #1e1e1e; max-width: 40em; margin: 0 auto; padding: 1em;">
${body}
</body>
</html>
`;
}

const link = (href: string, text: string) => `<a href="${esc(href)}" style="color: #0062ba;">${esc(text)}</a>`;

interface Footer {
  text: string;
  html: string;
}

function footer(t: T, recipient: MailRecipient, why: string, kinds: NotificationKind[]): Footer {
  const u = urls(recipient);
  const kindLinks = kinds.map((kind) => ({
    label: t("message.unsubscribeKind", { kind: t(`kindsShort.${kind}`) }),
    href: u.unsubscribe(kind),
  }));
  const all = { label: t("message.unsubscribeAll"), href: u.unsubscribe("all") };
  const settings = { label: t("message.settings"), href: u.settings };
  const lines = [...kindLinks, all, settings];
  return {
    text: ["-- ", t("message.footerHeading"), why, ...lines.map((l) => `${l.label}: ${l.href}`)].join("\n"),
    html: `<hr>
<footer>
<h2 style="font-size: 1em;">${esc(t("message.footerHeading"))}</h2>
<p>${esc(why)}</p>
<ul>
${lines.map((l) => `<li>${link(l.href, l.label)}</li>`).join("\n")}
</ul>
</footer>`,
  };
}

/** RFC 2369 + RFC 8058: mail clients show their own "unsubscribe" button and POST one click to it. */
function unsubscribeHeaders(recipient: MailRecipient, scope: UnsubscribeScope): Record<string, string> {
  return {
    "List-Unsubscribe": `<${urls(recipient).unsubscribe(scope)}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    // Automatic mail: no vacation auto-replies back to us (RFC 3834).
    "Auto-Submitted": "auto-generated",
  };
}

/** One immediate mail about one notification. */
export function renderImmediateMail(recipient: MailRecipient, item: MailItem): Mail {
  const t = getFixedT(recipient.locale, "mail");
  const u = urls(recipient);
  const line = itemLine(t, item);
  const subject = `${t("message.subjectPrefix")}: ${line}`;
  const target = item.case ? { href: u.caseUrl(item.case.slug), label: t("message.openCase", { title: item.case.title }) } : null;
  const foot = footer(t, recipient, t("message.whyImmediate", { kind: t(`kindsShort.${item.kind}`) }), [item.kind]);
  const text = [
    t("message.greeting", { name: recipient.name }),
    "",
    line,
    "",
    ...(target ? [`${target.label}: ${target.href}`] : []),
    `${t("message.openNotifications")}: ${u.notifications}`,
    "",
    foot.text,
    "",
  ].join("\n");
  const html = htmlDocument(
    recipient.locale,
    subject,
    `<p>${esc(t("message.greeting", { name: recipient.name }))}</p>
<h1 style="font-size: 1.25em;">${esc(line)}</h1>
${target ? `<p>${link(target.href, target.label)}</p>\n` : ""}<p>${link(u.notifications, t("message.openNotifications"))}</p>
${foot.html}`,
  );
  return { to: recipient.email, subject, text, html, headers: unsubscribeHeaders(recipient, item.kind) };
}

/** Pure: items grouped by kind (in NOTIFICATION_KINDS order), then by case (first mention first). */
export function groupDigest(items: MailItem[]) {
  const byKind: Array<{ kind: NotificationKind; cases: Array<{ case: MailItem["case"]; items: MailItem[] }> }> = [];
  for (const kind of NOTIFICATION_KINDS) {
    const ofKind = items.filter((i) => i.kind === kind).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    if (!ofKind.length) continue;
    const cases = new Map<string, { case: MailItem["case"]; items: MailItem[] }>();
    for (const item of ofKind) {
      const key = item.case?.id ?? `none:${item.id}`;
      const group = cases.get(key) ?? { case: item.case, items: [] };
      group.items.push(item);
      cases.set(key, group);
    }
    byKind.push({ kind, cases: [...cases.values()] });
  }
  return byKind;
}

/** One digest mail: every item grouped by kind and case. */
export function renderDigestMail(recipient: MailRecipient, frequency: DigestFrequency, items: MailItem[]): Mail {
  const t = getFixedT(recipient.locale, "mail");
  const u = urls(recipient);
  const count = items.length;
  const subject = `${t("message.subjectPrefix")}: ${t(frequency === "DAILY" ? "digest.subjectDaily" : "digest.subjectWeekly", { count })}`;
  const heading = t(frequency === "DAILY" ? "digest.headingDaily" : "digest.headingWeekly");
  const groups = groupDigest(items);
  const when = (d: Date) => formatDate(d, recipient.locale, { dateStyle: "medium", timeStyle: "short" });
  const foot = footer(
    t,
    recipient,
    t("message.whyDigest"),
    groups.map((g) => g.kind),
  );

  const textParts: string[] = [t("message.greeting", { name: recipient.name }), "", heading, t("digest.summary", { count }), ""];
  const htmlParts: string[] = [
    `<p>${esc(t("message.greeting", { name: recipient.name }))}</p>`,
    `<h1 style="font-size: 1.25em;">${esc(heading)}</h1>`,
    `<p>${esc(t("digest.summary", { count }))}</p>`,
  ];
  for (const group of groups) {
    const kindTitle = t(`kinds.${group.kind}`);
    textParts.push(kindTitle.toUpperCase(), "");
    htmlParts.push(`<h2 style="font-size: 1.1em;">${esc(kindTitle)}</h2>`);
    for (const c of group.cases) {
      if (c.case) {
        const href = u.caseUrl(c.case.slug);
        textParts.push(`«${c.case.title}»`, href);
        htmlParts.push(`<h3 style="font-size: 1em;">${link(href, c.case.title)}</h3>`);
      }
      for (const item of c.items) textParts.push(`  - ${itemLine(t, item)} (${when(item.createdAt)})`);
      htmlParts.push(
        `<ul>\n${c.items.map((item) => `<li>${esc(itemLine(t, item))} <small>(${esc(when(item.createdAt))})</small></li>`).join("\n")}\n</ul>`,
      );
      textParts.push("");
    }
  }
  textParts.push(`${t("message.openNotifications")}: ${u.notifications}`, "", foot.text, "");
  htmlParts.push(`<p>${link(u.notifications, t("message.openNotifications"))}</p>`, foot.html);
  return {
    to: recipient.email,
    subject,
    text: textParts.join("\n"),
    html: htmlDocument(recipient.locale, subject, htmlParts.join("\n")),
    headers: unsubscribeHeaders(recipient, "all"),
  };
}
