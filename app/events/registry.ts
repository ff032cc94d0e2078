/**
 * Which consumer handles which domain event (docs/decisions/012-domain-events.md). Pure:
 * recordEvent (app/models/events.server.ts) writes one delivery row per consumer listed here
 * for the event's type; each consumer claims only its own rows. Adding a consumer = one entry
 * here + its handler (e.g. search/worker.server.ts for "search"), nothing else.
 *
 * Events that only live, in-memory state reacts to (open documents, caches) need no consumer:
 * every process learns about every event through LISTEN domain_events
 * (app/utils/domain-events.server.ts).
 */

/** Every event type the models record. */
export const EVENT_TYPES = [
  "case.created",
  "case.updated",
  "case.deleted",
  /** A revision was restored (text and what restorableAccess allowed). */
  "case.restored",
  /** The live editor stored sections (server/collab.ts through storeLiveContent). */
  "case.live_stored",
  /** Sections were saved OUTSIDE the live editor (form, restore): open documents merge the stored state. */
  "case.content_saved",
  /** Who may see or edit changed: entity "case" + id, or entity "all" (memberships, sessions). */
  "access.changed",
  /** Name, kind or county of an organisation changed (fields in payload.changed). */
  "organisation.updated",
  /** A challenge area was created or changed (entity "challenge_area" + id). */
  "challenge_areas.changed",
  // Issue 11 (the reuse loop). Recorded by the models named; consumed by "notifications" and "mail".
  /** A case became visible beyond its owners for the first time (created as MEMBERS/PUBLIC, or left DRAFT). case.server.ts */
  "case.published",
  /** A revision with changed content was written (form save, restore, the live editor's periodic revision). payload {revisionId, kind} */
  "case.revised",
  /** A case was started from another (entityId = the new case). payload {originalCaseId, originalRevisionId} */
  "case.adapted",
  /** A question was asked on a case (entity "question"). payload {caseId} */
  "question.asked",
  /** An answer was posted (entity "answer"). payload {caseId, questionId} */
  "answer.posted",
  /** An invitation to an organisation was created (entity "invitation"). */
  "invitation.created",
  /** Notification rows were created for a user (entity "user", entityId = userId): the mail consumer's input. */
  "notifications.created",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** The events someone may be told about in the app (decision 020). */
export const NOTIFYING_EVENTS: readonly EventType[] = [
  "case.published",
  "case.revised",
  "case.adapted",
  "question.asked",
  "answer.posted",
  "invitation.created",
];

export interface EventForRouting {
  type: EventType;
  entity: string;
  entityId: string | null;
  payload?: unknown;
}

export interface ConsumerDefinition {
  name: string;
  /** The event types this consumer gets a delivery row for. */
  applicableEvents: readonly EventType[];
  /** Optional finer filter on the event itself (pure). */
  wants?: (event: EventForRouting) => boolean;
}

/** Organisation fields that appear in case search documents. */
export const SEARCHED_ORGANISATION_FIELDS = ["name", "kind", "fylke"] as const;

export const CONSUMERS: readonly ConsumerDefinition[] = [
  {
    // search/worker.server.ts: re-indexes the cases an event stands for.
    name: "search",
    applicableEvents: [
      "case.created",
      "case.updated",
      "case.deleted",
      "case.restored",
      "case.live_stored",
      // The new case, and through it its original's adoption figures (search/worker.server.ts).
      "case.adapted",
      "organisation.updated",
      "challenge_areas.changed",
    ],
    wants: (e) => {
      if (e.type !== "organisation.updated") return true;
      const changed = (e.payload as { changed?: unknown } | undefined)?.changed;
      return !Array.isArray(changed) || changed.some((f) => (SEARCHED_ORGANISATION_FIELDS as readonly string[]).includes(f));
    },
  },
  {
    // app/notifications/consumer.server.ts: Notification rows for the people who want to know
    // (resolvers in app/models/notification-resolvers.server.ts), visibility checked per recipient.
    name: "notifications",
    applicableEvents: NOTIFYING_EVENTS,
  },
  {
    // app/events/mail.server.ts: immediate mails for the user's new notifications (digests run on a timer).
    name: "mail",
    applicableEvents: ["notifications.created"],
  },
];

export const CONSUMER_NAMES = CONSUMERS.map((c) => c.name);

/** The consumers that get a delivery row for this event. */
export function consumersOf(event: EventForRouting): string[] {
  return CONSUMERS.filter((c) => c.applicableEvents.includes(event.type) && (c.wants?.(event) ?? true)).map((c) => c.name);
}
