import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Button, Link as DsLink, Tag } from "@digdir/designsystemet-react";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { MyQuestions } from "~/components/MyQuestions";
import { OurAdaptedCases } from "~/components/OurAdaptedCases";
import { useHydrated } from "~/components/useHydrated";
import { useRootData } from "~/root";
import { listFollows } from "~/models/follow.server";
import { listOurCases } from "~/models/my-pages.server";
import { listMyQuestions, listUnansweredQuestions } from "~/models/question.server";
import { presentMyQuestions } from "~/presenters/questions.server";
import type { FollowTargetType } from "~/notifications/follow";
import { canCreateCase } from "~/policies/case";
import { presentOurAdaptedCases } from "~/presenters/case-adaptations.server";
import { requireUser, toViewer } from "~/utils/auth.server";
import { withDomainErrors } from "~/utils/domain-errors";
import { formatDate } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";
import notificationStyles from "~/styles/notifications.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: notificationStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "notifications:me.title");

const OUR_CASES_SHOWN = 50;

/**
 * Mine sider (decision 020). Each section is one entry in the json below, loaded by its own
 * model and shown by its own component: helpers adding a section (adaptations of our cases,
 * my questions) add one line here and one in the JSX.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return withDomainErrors(async () => {
    const user = await requireUser(request);
    const viewer = toViewer(user)!;
    const locale = resolveLocale(request, user.locale);
    const [ourCases, follows] = await Promise.all([listOurCases(viewer, { take: OUR_CASES_SHOWN }), listFollows(viewer)]);
    return json({
      hasOrganisation: viewer.memberships.length > 0,
      canWrite: canCreateCase(viewer),
      questions: presentMyQuestions(await listMyQuestions(viewer), await listUnansweredQuestions(viewer, "owned"), viewer, locale),
      adaptedByOthers: await presentOurAdaptedCases(viewer),
      ourCases: {
        total: ourCases.total,
        items: ourCases.items.map((c) => ({
          slug: c.slug,
          title: c.title,
          visibility: c.visibility,
          owner: c.owner.name,
          updated: formatDate(c.updatedAt, locale, { dateStyle: "medium" }),
        })),
      },
      follows: {
        cases: follows.cases.map((c) => ({ targetType: "case" as const, id: c.id, name: c.title, href: `/cases/${c.slug}` })),
        areas: follows.areas.map((a) => ({
          targetType: "challenge_area" as const,
          id: a.id,
          name: locale === "en" ? a.nameEn : a.nameNb,
          href: `/areas/${a.slug}`,
        })),
        organisations: follows.organisations.map((o) => ({
          targetType: "organisation" as const,
          id: o.id,
          name: o.name,
          href: `/organisations/${o.slug}`,
        })),
      },
    });
  });
}

type Followed = { targetType: FollowTargetType; id: string; name: string; href: string };

function UnfollowItem({ item, onDone }: { item: Followed; onDone: (name: string) => void }) {
  const { t } = useTranslation("notifications");
  const fetcher = useFetcher<{ following: boolean }>();
  const hydrated = useHydrated();
  const done = fetcher.data?.following === false;
  useEffect(() => {
    if (done) onDone(item.name);
  }, [done]); // eslint-disable-line react-hooks/exhaustive-deps
  if (done) return null;
  return (
    <li>
      <DsLink asChild>
        <Link to={item.href}>{item.name}</Link>
      </DsLink>
      <fetcher.Form method="post" action="/follow">
        <CsrfInput />
        <input type="hidden" name="targetType" value={item.targetType} />
        <input type="hidden" name="targetId" value={item.id} />
        <input type="hidden" name="follow" value="0" />
        <input type="hidden" name="redirectTo" value="/me" />
        {hydrated ? <input type="hidden" name="via" value="fetcher" /> : null}
        <Button type="submit" variant="tertiary" data-size="sm" disabled={fetcher.state !== "idle"}>
          {t("me.unfollow")}
          <span className="visually-hidden"> {item.name}</span>
        </Button>
      </fetcher.Form>
    </li>
  );
}

function FollowingSection({ follows }: { follows: { cases: Followed[]; areas: Followed[]; organisations: Followed[] } }) {
  const { t } = useTranslation("notifications");
  const heading = useRef<HTMLHeadingElement>(null);
  const [message, setMessage] = useState("");
  const onDone = (name: string) => {
    setMessage(t("me.unfollowed", { name }));
    // The button is gone: the keyboard continues from the section heading.
    heading.current?.focus();
  };
  const groups = [
    { key: "cases", title: t("me.followedCases"), items: follows.cases },
    { key: "areas", title: t("me.followedAreas"), items: follows.areas },
    { key: "organisations", title: t("me.followedOrganisations"), items: follows.organisations },
  ].filter((g) => g.items.length);
  return (
    <section aria-labelledby="me-following">
      <h2 id="me-following" ref={heading} tabIndex={-1}>
        {t("me.following")}
      </h2>
      <p role="status" className="notifications__status">
        {message}
      </p>
      {groups.length ? (
        <>
          <p className="muted">{t("me.followingIntro")}</p>
          {groups.map((g) => (
            <div key={g.key}>
              <h3>{g.title}</h3>
              <ul className="me-list">
                {g.items.map((item) => (
                  <UnfollowItem key={`${item.targetType}:${item.id}`} item={item} onDone={onDone} />
                ))}
              </ul>
            </div>
          ))}
        </>
      ) : (
        <p>{t("me.followingEmpty")}</p>
      )}
    </section>
  );
}

export default function MyPages() {
  const data = useLoaderData<typeof loader>();
  // The header's unread count (root loader): counted once per request.
  const unread = useRootData()?.unreadNotifications ?? 0;
  const { t } = useTranslation("notifications");
  const { t: tc } = useTranslation("cases");
  const visibilityColor = (v: string) => (v === "DRAFT" ? "warning" : v === "MEMBERS" ? "info" : "success");
  return (
    <>
      <h1>{t("me.title")}</h1>
      <p className="lead">{t("me.intro")}</p>
      <nav className="me-shortcuts" aria-label={t("me.shortcuts")}>
        <ul>
          <li>
            <DsLink asChild>
              <Link to="/notifications">{unread ? t("me.notificationsUnread", { count: unread }) : t("me.notifications")}</Link>
            </DsLink>
          </li>
          <li>
            <DsLink asChild>
              <Link to="/me/notification-settings">{t("me.settings")}</Link>
            </DsLink>
          </li>
        </ul>
      </nav>

      <section aria-labelledby="me-our-cases">
        <h2 id="me-our-cases">{t("me.ourCases")}</h2>
        {!data.hasOrganisation ? (
          <p>{t("me.noOrganisation")}</p>
        ) : data.ourCases.items.length ? (
          <>
            <p className="muted">{t("me.ourCasesIntro")}</p>
            <ul className="me-list">
              {data.ourCases.items.map((c) => (
                <li key={c.slug}>
                  <span>
                    <DsLink asChild>
                      <Link to={`/cases/${c.slug}`}>{c.title}</Link>
                    </DsLink>
                    <span className="muted"> – {c.owner}</span>
                  </span>
                  <span>
                    <Tag data-color={visibilityColor(c.visibility)} data-size="sm">
                      <span className="visually-hidden">{tc("view.visibility")}: </span>
                      {tc(`visibility.${c.visibility}`)}
                    </Tag>{" "}
                    <span className="muted">{t("me.updated", { date: c.updated })}</span>
                  </span>
                </li>
              ))}
            </ul>
            {data.ourCases.total > data.ourCases.items.length ? (
              <p className="muted">{t("me.moreCases", { shown: data.ourCases.items.length, total: data.ourCases.total })}</p>
            ) : null}
          </>
        ) : (
          <p>{t("me.ourCasesEmpty")}</p>
        )}
        {data.canWrite ? (
          <p>
            <DsLink asChild>
              <Link to="/cases/new">{t("me.newCase")}</Link>
            </DsLink>
          </p>
        ) : null}
      </section>

      {data.hasOrganisation ? <OurAdaptedCases items={data.adaptedByOthers} /> : null}
      <MyQuestions data={data.questions} />

      <FollowingSection follows={data.follows} />
    </>
  );
}
