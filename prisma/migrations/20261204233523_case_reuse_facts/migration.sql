-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "costOneOffNok" INTEGER,
ADD COLUMN     "costYearlyNok" INTEGER,
ADD COLUMN     "durationMonths" INTEGER,
ADD COLUMN     "effortPersonMonths" DECIMAL(7,1),
ADD COLUMN     "inhabitants" INTEGER,
ADD COLUMN     "prerequisites" TEXT,
ADD COLUMN     "reportLinks" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "targetGroup" TEXT;
