package dev.switchboard.contracts.event;

import java.util.Map;

/**
 * The HTTP answer behind a step's result: its status, and its headers (secret values masked;
 * one value per name, repeated headers joined with ", " as RFC 9110 §5.3 allows).
 */
public record CallResponse(int status, Map<String, String> headers) {
}
