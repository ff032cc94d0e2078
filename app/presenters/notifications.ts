/**
 * One notification as a sentence with a link (decision 020). Pure: the notifications page
 * uses it, and the mail side (decision 021) may reuse it with getFixedT(locale,
 * "notifications"). Titles and names come from a FRESH read at showing time (never from the
 * stored row), and only of cases the reader may see - listNotifications filters first.
 */
import type { TFunction } from "i18next";
import { formatDate, type AppLocale } from "~/utils/i18n";

export interface NotificationRowForView {
  id: string;
  kind: string;
  data: Record<string, unknown>;
  createdAt: Date | string;
  readAt: Date | string | null;
  questionId: string | null;
  case: { slug: string; title: string; ownerName: string } | null;
}

export interface NotificationNames {
  areas: Array<{ id: string; slug: string; nameNb: string; nameEn: string }>;
  organisations: Array<{ id: string; slug: string; name: string }>;
}

export interface NotificationView {
  id: string;
  kind: string;
  text: string;
  href: string;
  unread: boolean;
  createdAt: string;
  received: string;
}

const str = (v: unknown) => (typeof v === "string" ? v : null);

export function presentNotification(
  row: NotificationRowForView,
  names: NotificationNames,
  t: TFunction,
  locale: AppLocale,
): NotificationView {
  const area = names.areas.find((a) => a.id === str(row.data.challengeAreaId));
  const organisation = names.organisations.find((o) => o.id === str(row.data.organisationId));
  const c = row.case;
  const base = { title: c?.title ?? "", owner: c?.ownerName ?? "", interpolation: { escapeValue: false } };
  let text: string;
  let href = c ? `/cases/${c.slug}` : "/me";
  switch (row.kind) {
    case "case_published":
      text =
        row.data.via === "challenge_area" && area
          ? t("sentence.case_published_area", { ...base, area: locale === "en" ? area.nameEn : area.nameNb })
          : row.data.via === "organisation" && organisation
            ? t("sentence.case_published_organisation", { ...base, organisation: organisation.name })
            : t("sentence.case_published", base);
      break;
    case "case_revised":
    case "case_adapted":
      text = t(`sentence.${row.kind}`, base);
      break;
    case "question":
    case "answer":
      text = t(`sentence.${row.kind}`, base);
      if (c && row.questionId) href = `/cases/${c.slug}#question-${row.questionId}`;
      break;
    case "invitation":
      text = organisation
        ? t("sentence.invitation", { organisation: organisation.name, interpolation: { escapeValue: false } })
        : t("sentence.invitation_unknown");
      if (organisation) href = `/organisations/${organisation.slug}`;
      break;
    default:
      text = t("sentence.fallback", base);
  }
  const createdAt = new Date(row.createdAt).toISOString();
  return {
    id: row.id,
    kind: row.kind,
    text,
    href,
    unread: !row.readAt,
    createdAt,
    received: formatDate(createdAt, locale, { dateStyle: "medium", timeStyle: "short" }),
  };
}
