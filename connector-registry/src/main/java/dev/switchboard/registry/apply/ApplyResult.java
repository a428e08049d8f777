package dev.switchboard.registry.apply;

import dev.switchboard.registry.definition.ApplyOutcome;
import java.util.List;

/** What apply did, item by item, in the order it did it. */
record ApplyResult(List<Item> items) {

    record Item(String kind, String ref, ApplyOutcome outcome) {
    }
}
