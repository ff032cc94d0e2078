-- The PostgreSQL fallback search (app/models/search-fallback.server.ts) matched against
-- to_tsvector(title, summary, plainText) computed for every case on every search: ~1 s per
-- search at 10,000 cases. The vector is now stored with the row and kept up to date by
-- PostgreSQL itself (a generated column: recomputed whenever those columns change, no code
-- path can forget it). No index on it: the fallback also matches word parts with ILIKE,
-- which scans anyway; what it saves is the text analysis. Prisma's schema declares the column
-- as Unsupported("tsvector") and never writes it.
ALTER TABLE "Case" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('norwegian'::regconfig, "title"), 'A')
  || setweight(to_tsvector('norwegian'::regconfig, "summary"), 'B')
  || setweight(to_tsvector('norwegian'::regconfig, "plainText"), 'C')
) STORED;
