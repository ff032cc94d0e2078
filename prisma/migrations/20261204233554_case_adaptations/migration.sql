-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "adaptedFromId" TEXT,
ADD COLUMN     "adaptedFromRevisionId" TEXT,
ADD COLUMN     "whatWeChanged" TEXT;

-- CreateIndex
CREATE INDEX "Case_adaptedFromId_idx" ON "Case"("adaptedFromId");

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_adaptedFromId_fkey" FOREIGN KEY ("adaptedFromId") REFERENCES "Case"("id") ON DELETE SET NULL ON UPDATE CASCADE;
