package dev.switchboard.orchestrator.ops;

import java.util.List;

/** {@code POST /ops/dlt/{topic}/replay}: the dead letters to republish, by partition and offset. */
record ReplayRequest(List<Position> records) {

    static final int MAX_RECORDS = 100;

    record Position(Integer partition, Long offset) {
    }

    /** @throws OpsRequestException (400) naming the first field at fault */
    List<Position> validated() {
        if (records == null || records.isEmpty()) {
            throw OpsRequestException.invalid("records", "name at least one record: [{partition, offset}]");
        }
        if (records.size() > MAX_RECORDS) {
            throw OpsRequestException.invalid("records", "at most " + MAX_RECORDS + " records per replay");
        }
        for (int i = 0; i < records.size(); i++) {
            Position position = records.get(i);
            if (position == null) {
                throw OpsRequestException.invalid("records[" + i + "]", "must be {partition, offset}");
            }
            if (position.partition() == null || position.partition() < 0) {
                throw OpsRequestException.invalid("records[" + i + "].partition", "must be a partition number >= 0");
            }
            if (position.offset() == null || position.offset() < 0) {
                throw OpsRequestException.invalid("records[" + i + "].offset", "must be an offset >= 0");
            }
        }
        return records;
    }
}
