package dev.switchboard.contracts.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.UUID;

/**
 * Every event on a Switchboard topic. The {@code type} property names the record, so one
 * deserializer reads topics that carry several types (runs.control, registry.changes).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = RunRequested.class, name = "RunRequested"),
        @JsonSubTypes.Type(value = StepRequested.class, name = "StepRequested"),
        @JsonSubTypes.Type(value = StepCompleted.class, name = "StepCompleted"),
        @JsonSubTypes.Type(value = RunFinished.class, name = "RunFinished"),
        @JsonSubTypes.Type(value = RunAbortRequested.class, name = "RunAbortRequested"),
        @JsonSubTypes.Type(value = RunContinued.class, name = "RunContinued"),
        @JsonSubTypes.Type(value = ConnectorChanged.class, name = "ConnectorChanged"),
        @JsonSubTypes.Type(value = ToolChanged.class, name = "ToolChanged"),
        @JsonSubTypes.Type(value = AgentChanged.class, name = "AgentChanged"),
        @JsonSubTypes.Type(value = SecretChanged.class, name = "SecretChanged")})
public sealed interface SwitchboardEvent permits RunRequested, StepRequested, StepCompleted, RunFinished,
        RunAbortRequested, RunContinued, ConnectorChanged, ToolChanged, AgentChanged, SecretChanged {

    UUID eventId();

    Instant occurredAt();

    String traceId();

    /**
     * The Kafka record key: the runId for run and step events, so all events of one run share a
     * partition and stay in order; the entity's key for registry and secret changes, so
     * compaction keeps the latest per entity.
     */
    @JsonIgnore
    String key();
}
