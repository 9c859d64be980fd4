-- AlterTable
ALTER TABLE "OrderEvent" ADD COLUMN     "tx" BIGINT NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "OrderEvent_tx_id_idx" ON "OrderEvent"("tx", "id");


-- Added by hand: event ids from a sequence, which no writer waits on, instead of the EventSequence
-- row, which every writer locked until its commit. The sequence goes on from the last id handed out.
-- Events written before this keep tx 0, so they stay first, in id order.
CREATE SEQUENCE "OrderEvent_id_seq" AS INTEGER OWNED BY "OrderEvent"."id";
SELECT setval('"OrderEvent_id_seq"', GREATEST("lastId", 1), "lastId" > 0) FROM "EventSequence" WHERE id = 1;
