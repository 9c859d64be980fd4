-- AlterTable
ALTER TABLE "OrderItem" ADD COLUMN "doneAt" DATETIME;

