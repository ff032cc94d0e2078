/**
 * The accessibility statement (tilgjengelighetserklæring) in Digdir's model: legal basis, how the
 * service was tested, known gaps and where to give feedback or complain. Linked from the footer of
 * every page; the same address in both languages. The texts, including the list of known gaps,
 * live in app/locales/{nb,en}/accessibility.ts.
 */
import { Heading, Link as DsLink, List, Paragraph } from "@digdir/designsystemet-react";
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { getUser } from "~/utils/auth.server";
import { withDomainErrors } from "~/utils/domain-errors";
import { getFixedT } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";

const UUTILSYNET = "https://www.uutilsynet.no/";

export async function loader({ request }: LoaderFunctionArgs) {
  return withDomainErrors(async () => {
    const user = await getUser(request);
    const locale = resolveLocale(request, user?.locale);
    return json({ title: getFixedT(locale, "accessibility")("meta.title") });
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Løsningsbanken" }];

export default function AccessibilityStatement() {
  const { t } = useTranslation("accessibility");
  const updated = t("updated");
  const methods = t("testing.methods", { returnObjects: true }) as unknown as string[];
  const gaps = t("gaps.items", { returnObjects: true }) as unknown as string[];
  return (
    <article className="prose">
      <Heading level={1} data-size="lg">
        {t("heading")}
      </Heading>
      <Paragraph className="lead">{t("intro")}</Paragraph>

      <section aria-labelledby="a11y-law">
        <Heading level={2} data-size="md" id="a11y-law">
          {t("law.heading")}
        </Heading>
        <Paragraph>{t("law.text")}</Paragraph>
      </section>

      <section aria-labelledby="a11y-testing">
        <Heading level={2} data-size="md" id="a11y-testing">
          {t("testing.heading")}
        </Heading>
        <Paragraph>{t("testing.text", { updated })}</Paragraph>
        <List.Unordered>
          {methods.map((m) => (
            <List.Item key={m}>{m}</List.Item>
          ))}
        </List.Unordered>
      </section>

      <section aria-labelledby="a11y-gaps">
        <Heading level={2} data-size="md" id="a11y-gaps">
          {t("gaps.heading")}
        </Heading>
        <Paragraph>{t("gaps.intro", { updated })}</Paragraph>
        <List.Unordered>
          {gaps.map((g) => (
            <List.Item key={g}>{g}</List.Item>
          ))}
        </List.Unordered>
      </section>

      <section aria-labelledby="a11y-feedback">
        <Heading level={2} data-size="md" id="a11y-feedback">
          {t("feedback.heading")}
        </Heading>
        <Paragraph>{t("feedback.text")}</Paragraph>
        <Paragraph>
          {t("feedback.authority")} <DsLink href={UUTILSYNET}>{t("feedback.authorityLink")}</DsLink>
        </Paragraph>
      </section>
    </article>
  );
}
