package dev.switchboard.orchestrator.engine;

import dev.switchboard.orchestrator.run.ItemState;
import dev.switchboard.orchestrator.run.RunDocument;
import dev.switchboard.orchestrator.run.StepState;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds a run's sourceData (ARCHITECTURE §5): the inputs, plus for each finished step
 * {@code {currentItem, data, success}} (an array of those for a looped step). While a step runs,
 * the steps before it no longer change, so the sourceData a step sees is cached per run and step:
 * a 100-item loop does not re-read every earlier result 100 times.
 */
@Component
class SourceData {

    private static final int CACHED_RUNS = 512;

    private final JsonMapper json;
    private final Map<String, Cached> cache = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                    return size() > CACHED_RUNS;
                }
            });

    SourceData(JsonMapper json) {
        this.json = json;
    }

    /** The sourceData for the run's current step; treat it as read-only. */
    ObjectNode forCurrentStep(RunDocument run) {
        Cached cached = cache.get(run.getRunId());
        if (cached != null && cached.step() == run.getCurrentStep()) {
            return cached.sourceData();
        }
        ObjectNode sourceData = build(run, run.getCurrentStep());
        cache.put(run.getRunId(), new Cached(run.getCurrentStep(), sourceData));
        return sourceData;
    }

    /** The sourceData after every step, for the outputTransform. */
    ObjectNode complete(RunDocument run) {
        cache.remove(run.getRunId());
        return build(run, run.getSteps().size());
    }

    /** {@code sourceData} with {@code currentItem} set, for rendering one item. */
    ObjectNode withCurrentItem(ObjectNode sourceData, JsonNode currentItem) {
        // a shallow copy: the children are shared and nothing writes to them
        ObjectNode copy = json.createObjectNode();
        copy.setAll(sourceData);
        if (currentItem != null) {
            copy.set("currentItem", currentItem);
        }
        return copy;
    }

    JsonNode read(String text) {
        return text == null ? json.nullNode() : json.readTree(text);
    }

    private ObjectNode build(RunDocument run, int steps) {
        JsonNode inputs = read(run.getInputsJson());
        ObjectNode sourceData = inputs.isObject() ? (ObjectNode) inputs.deepCopy() : json.createObjectNode();
        for (int i = 0; i < Math.min(steps, run.getSteps().size()); i++) {
            StepState step = run.getSteps().get(i);
            if (step.isApproval()) {
                // the input given with the decision, as given (ARCHITECTURE §5a)
                sourceData.set(step.getStepId(), step.getItems().isEmpty() ? json.nullNode()
                        : read(step.getItems().getFirst().getDataJson()));
            } else if (step.isLooped()) {
                ArrayNode results = sourceData.putArray(step.getStepId());
                step.getItems().forEach(item -> results.add(result(item)));
            } else {
                sourceData.set(step.getStepId(), step.getItems().isEmpty() ? json.nullNode()
                        : result(step.getItems().getFirst()));
            }
        }
        return sourceData;
    }

    private ObjectNode result(ItemState item) {
        ObjectNode result = json.createObjectNode();
        result.set("currentItem", read(item.getCurrentItemJson()));
        result.set("data", read(item.getDataJson()));
        result.put("success", item.isSuccess());
        if (item.getError() != null) {
            result.set("error", json.valueToTree(item.getError()));
        }
        return result;
    }

    private record Cached(int step, ObjectNode sourceData) {
    }
}
