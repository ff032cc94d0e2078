-- CreateEnum
CREATE TYPE "RevisionKind" AS ENUM ('CREATE', 'EDIT', 'LIVE', 'RESTORE', 'DELETE');

-- DropIndex
DROP INDEX "CaseRevision_caseId_version_key";

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "contentVersion" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "yState" BYTEA;

-- AlterTable
ALTER TABLE "CaseRevision" ADD COLUMN     "contentVersion" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "contributorIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "kind" "RevisionKind" NOT NULL DEFAULT 'EDIT',
ADD COLUMN     "restoredFromId" TEXT;

-- CreateIndex
CREATE INDEX "CaseRevision_caseId_createdAt_idx" ON "CaseRevision"("caseId", "createdAt");

-- Existing revisions: the first one of a case created it; one with a deletedAt deleted it.
UPDATE "CaseRevision" SET "kind" = 'CREATE' WHERE "version" = 1;
UPDATE "CaseRevision" SET "kind" = 'DELETE' WHERE "snapshot"->>'deletedAt' IS NOT NULL;
