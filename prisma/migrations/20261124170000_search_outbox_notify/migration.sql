-- Wake the search worker when outbox rows are written: a statement-level trigger sends a
-- NOTIFY on channel "search_outbox". PostgreSQL delivers it when the writing transaction
-- commits (never for one that rolls back) and sends one per transaction however many rows it
-- wrote (the payload is the transaction id, and equal notifications of one transaction are
-- folded into one). The worker LISTENs (search/outbox-listener.server.ts) and still polls, so a lost
-- notification only costs the poll interval. Prisma's schema does not describe triggers.
CREATE FUNCTION "search_outbox_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('search_outbox', txid_current()::text);
  RETURN NULL;
END
$$;

CREATE TRIGGER "SearchOutbox_notify" AFTER INSERT ON "SearchOutbox"
  FOR EACH STATEMENT EXECUTE FUNCTION "search_outbox_notify"();
