-- Domain events (docs/decisions/012-domain-events.md). Hand-written: the search outbox is
-- renamed and generalised (a diff would drop and recreate it, losing waiting rows).
--
-- "DomainEvent": one row per change others react to, written by recordEvent in the writer's
-- transaction. "EventDelivery" (was "SearchOutbox"): one row per event and subscribed
-- consumer, claimed and retried by that consumer. Waiting search rows become events of their
-- own (type "<entity>.updated" / "<entity>.deleted") with a 'search' delivery; processed rows
-- are history nobody reads and are dropped.

-- CreateTable
CREATE TABLE "DomainEvent" (
    "id" BIGSERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT,
    "actorUserId" TEXT,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DomainEvent_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "DomainEvent_createdAt_idx" ON "DomainEvent"("createdAt");

-- SearchOutbox -> EventDelivery
DROP TRIGGER "SearchOutbox_notify" ON "SearchOutbox";
DROP FUNCTION "search_outbox_notify"();
DELETE FROM "SearchOutbox" WHERE "processedAt" IS NOT NULL;

ALTER TABLE "SearchOutbox" RENAME TO "EventDelivery";
ALTER SEQUENCE "SearchOutbox_id_seq" RENAME TO "EventDelivery_id_seq";
ALTER TABLE "EventDelivery" RENAME CONSTRAINT "SearchOutbox_pkey" TO "EventDelivery_pkey";
ALTER INDEX "SearchOutbox_entity_entityId_idx" RENAME TO "EventDelivery_entity_entityId_idx";
DROP INDEX "SearchOutbox_processedAt_nextAttemptAt_idx";

ALTER TABLE "EventDelivery" ADD COLUMN "consumer" TEXT NOT NULL DEFAULT 'search';
ALTER TABLE "EventDelivery" ALTER COLUMN "consumer" DROP DEFAULT;
ALTER TABLE "EventDelivery" ADD COLUMN "eventId" BIGINT;

UPDATE "EventDelivery" SET "eventId" = nextval('"DomainEvent_id_seq"');
INSERT INTO "DomainEvent" ("id", "type", "entity", "entityId", "payload", "createdAt")
SELECT "eventId",
       "entity" || CASE WHEN "op" = 'DELETE' THEN '.deleted' ELSE '.updated' END,
       "entity", "entityId", '{"migratedFrom": "SearchOutbox"}'::jsonb, "createdAt"
FROM "EventDelivery";

ALTER TABLE "EventDelivery" ALTER COLUMN "eventId" SET NOT NULL;
ALTER TABLE "EventDelivery" DROP COLUMN "op";
DROP TYPE "OutboxOp";

ALTER TABLE "EventDelivery" ADD CONSTRAINT "EventDelivery_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "DomainEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE INDEX "EventDelivery_consumer_processedAt_nextAttemptAt_idx" ON "EventDelivery"("consumer", "processedAt", "nextAttemptAt");
CREATE INDEX "EventDelivery_processedAt_idx" ON "EventDelivery"("processedAt");
CREATE INDEX "EventDelivery_eventId_idx" ON "EventDelivery"("eventId");

-- Every process LISTENs on "domain_events" (app/utils/domain-events.server.ts). One
-- notification per event row, delivered when the writing transaction commits (never for one
-- that rolls back). Only a wake-up: listeners re-read the database, and re-check everything
-- after a reconnect. Prisma's schema does not describe triggers.
CREATE FUNCTION "domain_event_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('domain_events', json_build_object(
    'id', NEW."id"::text, 'type', NEW."type", 'entity', NEW."entity", 'entityId', NEW."entityId")::text);
  RETURN NULL;
END
$$;

CREATE TRIGGER "DomainEvent_notify" AFTER INSERT ON "DomainEvent"
  FOR EACH ROW EXECUTE FUNCTION "domain_event_notify"();

-- Wakes consumers: one notification on "event_deliveries" per consumer that got rows in a
-- statement, payload = the consumer's name (equal notifications of one transaction fold into
-- one). Consumers also poll, so a lost notification only costs the poll interval.
CREATE FUNCTION "event_delivery_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  name text;
BEGIN
  FOR name IN SELECT DISTINCT "consumer" FROM new_rows LOOP
    PERFORM pg_notify('event_deliveries', name);
  END LOOP;
  RETURN NULL;
END
$$;

CREATE TRIGGER "EventDelivery_notify" AFTER INSERT ON "EventDelivery"
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "event_delivery_notify"();
