-- CreateEnum
CREATE TYPE "ContentLanguage" AS ENUM ('nb', 'nn', 'en');

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "contentLanguage" "ContentLanguage" NOT NULL DEFAULT 'nb';
