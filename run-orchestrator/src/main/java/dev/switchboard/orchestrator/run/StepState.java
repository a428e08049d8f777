package dev.switchboard.orchestrator.run;

import java.util.ArrayList;
import java.util.List;

/**
 * One step of a run: the items its dataSelector chose (JSON text; null when the step is not
 * looped) and the state of each item dispatched so far. Items are dispatched in index order, so
 * {@code items.size()} is the next index to dispatch.
 */
public class StepState {

    public static final String RUNNING = "running";
    public static final String SUCCESS = "success";
    public static final String FAILED = "failed";
    public static final String AWAITING_INPUT = "awaiting_input";

    private String stepId;
    private String status = RUNNING;
    private boolean looped;
    private boolean approval;
    private String selectedJson;
    private int total;
    private int completed;
    private int failed;
    private List<ItemState> items = new ArrayList<>();

    public StepState() {
    }

    public StepState(String stepId) {
        this.stepId = stepId;
    }

    /** Items dispatched and not yet completed. */
    public int inFlight() {
        return items.size() - completed;
    }

    public boolean allCompleted() {
        return completed == total;
    }

    public ItemState item(int index) {
        return index >= 0 && index < items.size() ? items.get(index) : null;
    }

    public String getStepId() {
        return stepId;
    }

    public void setStepId(String stepId) {
        this.stepId = stepId;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public boolean isLooped() {
        return looped;
    }

    public void setLooped(boolean looped) {
        this.looped = looped;
    }

    public String getSelectedJson() {
        return selectedJson;
    }

    public void setSelectedJson(String selectedJson) {
        this.selectedJson = selectedJson;
    }

    public int getTotal() {
        return total;
    }

    public void setTotal(int total) {
        this.total = total;
    }

    public int getCompleted() {
        return completed;
    }

    public void setCompleted(int completed) {
        this.completed = completed;
    }

    public int getFailed() {
        return failed;
    }

    public void setFailed(int failed) {
        this.failed = failed;
    }

    public List<ItemState> getItems() {
        return items;
    }

    public void setItems(List<ItemState> items) {
        this.items = items;
    }

    /** An approval step: its one item's data is the input given with the decision, as given. */
    public boolean isApproval() {
        return approval;
    }

    public void setApproval(boolean approval) {
        this.approval = approval;
    }
}
