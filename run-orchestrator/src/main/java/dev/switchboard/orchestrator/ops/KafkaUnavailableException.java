package dev.switchboard.orchestrator.ops;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The cluster did not answer in time: 503 problem+json, worth retrying. */
class KafkaUnavailableException extends ErrorResponseException {

    KafkaUnavailableException(Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, problem(), cause);
    }

    private static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "Kafka did not answer in time; try again.");
        problem.setTitle("Kafka unavailable");
        return problem;
    }
}
