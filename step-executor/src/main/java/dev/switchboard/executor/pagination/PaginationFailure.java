package dev.switchboard.executor.pagination;

import dev.switchboard.contracts.event.StepError;

/** Ends a pagination with a coded error; thrown inside this package only, never to the caller. */
final class PaginationFailure extends RuntimeException {

    static final String INVALID = "INVALID_PAGINATION";
    static final String LIMIT = "PAGINATION_LIMIT";
    static final String LOOP = "PAGINATION_LOOP";
    static final String TOO_LARGE = "RESPONSE_TOO_LARGE";

    private final transient StepError error;

    PaginationFailure(String code, String message) {
        this(new StepError(code, message, null));
    }

    PaginationFailure(StepError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    /** A setting or a response that does not fit the pagination, naming the field at fault. */
    static PaginationFailure invalid(String field, String problem) {
        return new PaginationFailure(INVALID, "pagination." + field + " " + problem);
    }

    StepError error() {
        return error;
    }
}
