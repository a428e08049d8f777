package dev.switchboard.orchestrator.run;

import dev.switchboard.contracts.event.RunError;
import dev.switchboard.contracts.event.StepError;
import dev.switchboard.contracts.event.Trigger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * A run as the store holds it, written field by field: the very document Spring Data's mapping
 * writes (null fields left out, instants as dates, the root's {@code _class}), at a fraction of
 * its cost. Every save of a run maps the whole run, so that a completion's few changes can be
 * found (ADR 026), and the reflective mapping was most of a save's CPU (ADR 027). Reading stays
 * with Spring's mapping. {@code RunDocumentFormTest} fills every field of every class by
 * reflection and holds this to Spring's document, so a field added there and not here fails it.
 */
final class RunDocumentForm {

    private RunDocumentForm() {
    }

    static Document of(RunDocument run) {
        Document document = new Document();
        put(document, "_id", run.getRunId());
        put(document, "rev", run.getRev());
        put(document, "toolId", run.getToolId());
        put(document, "toolVersion", run.getToolVersion());
        put(document, "toolJson", run.getToolJson());
        put(document, "status", run.getStatus());
        put(document, "triggerType", run.getTriggerType());
        put(document, "chatId", run.getChatId());
        put(document, "userId", run.getUserId());
        put(document, "trigger", trigger(run.getTrigger()));
        put(document, "traceId", run.getTraceId());
        put(document, "inputsJson", run.getInputsJson());
        document.put("timeoutMs", run.getTimeoutMs());
        put(document, "webhookUrl", run.getWebhookUrl());
        put(document, "chain", run.getChain() == null ? null : new ArrayList<>(run.getChain()));
        put(document, "chainOn", run.getChainOn());
        document.put("async", run.isAsync());
        put(document, "startedAt", date(run.getStartedAt()));
        put(document, "deadline", date(run.getDeadline()));
        put(document, "finishedAt", date(run.getFinishedAt()));
        put(document, "durationMs", run.getDurationMs());
        put(document, "lastProgressAt", date(run.getLastProgressAt()));
        put(document, "beganBy", run.getBeganBy());
        document.put("currentStep", run.getCurrentStep());
        if (run.getSteps() != null) {
            List<Document> steps = new ArrayList<>(run.getSteps().size());
            for (StepState step : run.getSteps()) {
                steps.add(step(step));
            }
            document.put("steps", steps);
        }
        put(document, "dataJson", run.getDataJson());
        put(document, "error", error(run.getError()));
        put(document, "approval", approval(run.getApproval()));
        document.put("_class", RunDocument.class.getName());
        return document;
    }

    private static Document step(StepState step) {
        Document document = new Document();
        put(document, "stepId", step.getStepId());
        put(document, "status", step.getStatus());
        document.put("looped", step.isLooped());
        document.put("approval", step.isApproval());
        put(document, "selectedJson", step.getSelectedJson());
        document.put("total", step.getTotal());
        document.put("completed", step.getCompleted());
        document.put("failed", step.getFailed());
        if (step.getItems() != null) {
            List<Document> items = new ArrayList<>(step.getItems().size());
            for (ItemState item : step.getItems()) {
                items.add(item(item));
            }
            document.put("items", items);
        }
        return document;
    }

    private static Document item(ItemState item) {
        Document document = new Document();
        document.put("itemIndex", item.getItemIndex());
        put(document, "currentItemJson", item.getCurrentItemJson());
        document.put("done", item.isDone());
        document.put("success", item.isSuccess());
        put(document, "dataJson", item.getDataJson());
        put(document, "error", error(item.getError()));
        document.put("attempts", item.getAttempts());
        document.put("requests", item.getRequests());
        document.put("pages", item.getPages());
        document.put("durationMs", item.getDurationMs());
        put(document, "dispatchedAt", date(item.getDispatchedAt()));
        put(document, "completedAt", date(item.getCompletedAt()));
        put(document, "dispatchedBy", item.getDispatchedBy());
        put(document, "requestJson", item.getRequestJson());
        put(document, "completionId", item.getCompletionId());
        put(document, "httpStatus", item.getHttpStatus());
        put(document, "responseHeadersJson", item.getResponseHeadersJson());
        return document;
    }

    private static Document approval(ApprovalState approval) {
        if (approval == null) {
            return null;
        }
        Document document = new Document();
        put(document, "stepId", approval.getStepId());
        put(document, "messageJson", approval.getMessageJson());
        put(document, "requestedAt", date(approval.getRequestedAt()));
        put(document, "timeoutAt", date(approval.getTimeoutAt()));
        document.put("remainingMs", approval.getRemainingMs());
        put(document, "approved", approval.getApproved());
        put(document, "inputJson", approval.getInputJson());
        put(document, "decidedBy", approval.getDecidedBy());
        put(document, "decidedAt", date(approval.getDecidedAt()));
        put(document, "decisionEventId", approval.getDecisionEventId());
        return document;
    }

    private static Document trigger(Trigger trigger) {
        if (trigger == null) {
            return null;
        }
        Document document = new Document();
        put(document, "type", trigger.type() == null ? null : trigger.type().name());
        put(document, "userId", trigger.userId());
        put(document, "chatId", trigger.chatId());
        put(document, "toolCallId", trigger.toolCallId());
        put(document, "parentRunId", trigger.parentRunId());
        document.put("chainDepth", trigger.chainDepth());
        put(document, "ancestorToolIds", trigger.ancestorToolIds() == null ? null
                : new ArrayList<>(trigger.ancestorToolIds()));
        return document;
    }

    private static Document error(RunError error) {
        if (error == null) {
            return null;
        }
        Document document = new Document();
        put(document, "code", error.code());
        put(document, "message", error.message());
        put(document, "stepId", error.stepId());
        put(document, "itemIndex", error.itemIndex());
        return document;
    }

    private static Document error(StepError error) {
        if (error == null) {
            return null;
        }
        Document document = new Document();
        put(document, "code", error.code());
        put(document, "message", error.message());
        put(document, "httpStatus", error.httpStatus());
        return document;
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static void put(Document document, String key, Object value) {
        if (value != null) {
            document.put(key, value);
        }
    }
}
