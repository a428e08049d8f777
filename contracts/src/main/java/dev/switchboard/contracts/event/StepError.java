package dev.switchboard.contracts.event;

/** Why a step failed: a stable code ({@code HTTP_ERROR}, {@code TIMEOUT}, ...), masked message. */
public record StepError(String code, String message, Integer httpStatus) {
}
