-- AlterTable
ALTER TABLE "Order" ADD COLUMN "customerKeyHash" TEXT;

-- CreateIndex
CREATE INDEX "Order_customerKeyHash_idx" ON "Order"("customerKeyHash");

