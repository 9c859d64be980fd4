-- AlterTable
ALTER TABLE "OrderEvent" ADD COLUMN     "tx" BIGINT NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "OrderEvent_tx_id_idx" ON "OrderEvent"("tx", "id");


-- Added by hand: event ids from a sequence, which no writer waits on, instead of the EventSequence
-- row, which every writer locked until its commit. The sequence goes on from the last id handed out.
-- Events written before this keep tx 0, so they stay first, in id order.
CREATE SEQUENCE "OrderEvent_id_seq" AS INTEGER OWNED BY "OrderEvent"."id";
SELECT setval('"OrderEvent_id_seq"', GREATEST("lastId", 1), "lastId" > 0) FROM "EventSequence" WHERE id = 1;

-- Servers of the version before, still running during a rolling upgrade, take their event ids
-- from the EventSequence row and write no tx: the row now hands them the sequence's next id, and
-- an event written without tx is given its transaction's. (Their own streams still read by id
-- alone; the README asks for every server to be upgraded within the same few minutes.)
CREATE FUNCTION "orderline_event_id_from_sequence"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."lastId" := nextval(format('%I."OrderEvent_id_seq"', TG_TABLE_SCHEMA));
  RETURN NEW;
END $$;
CREATE TRIGGER "EventSequence_from_sequence" BEFORE UPDATE ON "EventSequence"
  FOR EACH ROW EXECUTE FUNCTION "orderline_event_id_from_sequence"();

CREATE FUNCTION "orderline_event_tx"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.tx := pg_current_xact_id()::text::bigint;
  RETURN NEW;
END $$;
CREATE TRIGGER "OrderEvent_tx" BEFORE INSERT ON "OrderEvent"
  FOR EACH ROW WHEN (NEW.tx = 0) EXECUTE FUNCTION "orderline_event_tx"();
