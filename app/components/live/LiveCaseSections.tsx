/**
 * The case page's sections. Rendered on the server from the stored documents (sanitised);
 * for a logged-in viewer, once the page is hydrated and the live document has synced, the
 * same sections follow the live document read-only - text others are typing right now
 * appears as they type, with their carets.
 */
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { SECTION_KEYS, type SectionKey } from "~/editor/sections";
import type { CollaborationUser } from "~/editor/extensions";
import { LivePeople, LiveSectionEditor } from "./LiveEditing";
import { colorFor, useLiveCase, type LiveCase } from "./useLiveCase";

export interface RenderedSection {
  key: SectionKey | string;
  html: string;
}

interface Props {
  sections: RenderedSection[];
  live: { caseId: string; me: { id: string; name: string; organisation: string | null } } | null;
  hydrated: boolean;
  /** The language the case is written in: marks the section texts (not the UI's headings). */
  lang?: string;
}

export function CaseSections({ sections, live, hydrated, lang }: Props) {
  if (!live || !hydrated) return <StaticSections sections={sections} lang={lang} />;
  return <LiveSections sections={sections} live={live} lang={lang} />;
}

function StaticSections({ sections, lang }: { sections: RenderedSection[]; lang?: string }) {
  const { t } = useTranslation("cases");
  return (
    <>
      {sections.length === 0 ? <p className="muted">{t("view.emptyBody")}</p> : null}
      {sections.map((s) => (
        <section key={s.key} className="case__section" aria-labelledby={`section-${s.key}`}>
          <h2 id={`section-${s.key}`}>{t(`sections.${s.key}`)}</h2>
          {/* Rendered on the server from the stored document and sanitised (render.server.ts). */}
          <div className="prose" lang={lang} dangerouslySetInnerHTML={{ __html: s.html }} />
        </section>
      ))}
    </>
  );
}

function useFilledSections(liveCase: LiveCase | null) {
  const [filled, setFilled] = useState<SectionKey[]>([]);
  useEffect(() => {
    if (!liveCase) return;
    const doc = liveCase.doc;
    const compute = () =>
      setFilled((before) => {
        const now = SECTION_KEYS.filter((k) => fragmentHasText(doc.getXmlFragment(k).toJSON()));
        return now.join() === before.join() ? before : now;
      });
    compute();
    doc.on("update", compute);
    return () => doc.off("update", compute);
  }, [liveCase]);
  return filled;
}

function fragmentHasText(xml: string) {
  return xml.replace(/<[^>]*>/g, "").trim().length > 0;
}

function LiveSections({ sections, live, lang }: { sections: RenderedSection[]; live: NonNullable<Props["live"]>; lang?: string }) {
  const { t } = useTranslation("cases");
  const user: CollaborationUser = useMemo(
    () => ({ name: live.me.name, organisation: live.me.organisation, color: colorFor(live.me.id), reading: true }),
    [live.me],
  );
  const liveCase = useLiveCase(live.caseId);
  const filled = useFilledSections(liveCase);
  if (!liveCase?.synced || liveCase.denied) return <StaticSections sections={sections} lang={lang} />;
  const othersHere = liveCase.people.some((p) => !p.self);
  return (
    <div className="case__live" data-live="synced">
      {othersHere ? (
        <div className="live-bar no-print">
          <p className="hint">{t("live.viewHint")}</p>
          <LivePeople live={liveCase} />
        </div>
      ) : null}
      {filled.length === 0 ? <p className="muted">{t("view.emptyBody")}</p> : null}
      {SECTION_KEYS.map((key) => (
        <section key={key} className="case__section" aria-labelledby={`section-${key}`} hidden={!filled.includes(key)}>
          <h2 id={`section-${key}`}>{t(`sections.${key}`)}</h2>
          <div lang={lang}>
            <LiveSectionEditor
              live={liveCase}
              section={key}
              user={user}
              id={`live-${key}`}
              labelId={`section-${key}`}
              label={t(`sections.${key}`)}
              canWrite={false}
            />
          </div>
        </section>
      ))}
    </div>
  );
}
