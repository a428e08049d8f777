package dev.switchboard.executor.pagination;

import dev.switchboard.contracts.event.StepError;
import java.util.Objects;

/** A page that could not be fetched; its error becomes the step's error unchanged. */
public record FetchFailure(StepError error) implements FetchResult {

    public FetchFailure {
        Objects.requireNonNull(error, "error");
    }
}
