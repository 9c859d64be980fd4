-- Written by hand: Prisma rebuilt the whole table for what SQLite does in place.
-- AlterTable
ALTER TABLE "OrderEvent" ADD COLUMN "tx" BIGINT NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "OrderEvent_tx_id_idx" ON "OrderEvent"("tx", "id");
