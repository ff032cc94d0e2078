import type { MetaFunction } from "@remix-run/node";
import { useTranslation } from "react-i18next";

export const meta: MetaFunction = () => [{ title: "Løsningsbanken" }];

export default function Index() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("appName")}</h1>
      <p>{t("tagline")}</p>
    </>
  );
}
