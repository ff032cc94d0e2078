-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "mailOutcome" TEXT;

-- CreateIndex
CREATE INDEX "Notification_userId_mailOutcome_createdAt_idx" ON "Notification"("userId", "mailOutcome", "createdAt");
