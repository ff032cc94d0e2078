-- CreateEnum
CREATE TYPE "MailFrequency" AS ENUM ('IMMEDIATE', 'DAILY', 'WEEKLY', 'OFF');

-- CreateTable
CREATE TABLE "NotificationSetting" (
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "frequency" "MailFrequency" NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationSetting_pkey" PRIMARY KEY ("userId","kind")
);

-- CreateTable
CREATE TABLE "DigestRun" (
    "userId" TEXT NOT NULL,
    "frequency" "MailFrequency" NOT NULL,
    "periodKey" TEXT NOT NULL,
    "notifications" INTEGER NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DigestRun_pkey" PRIMARY KEY ("userId","frequency","periodKey")
);

-- CreateIndex
CREATE INDEX "DigestRun_sentAt_idx" ON "DigestRun"("sentAt");

-- AddForeignKey
ALTER TABLE "NotificationSetting" ADD CONSTRAINT "NotificationSetting_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DigestRun" ADD CONSTRAINT "DigestRun_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
