package dev.switchboard.executor.postgres;

import dev.switchboard.executor.call.SecretPlaceholders;
import dev.switchboard.executor.call.StepOutcome;
import dev.switchboard.executor.egress.EgressException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

/**
 * What a failed Postgres call tells the step (ADR 013): a code by the SQLSTATE, and a message that
 * starts with the SQLSTATE and carries the server's words, masked. Only a failure to get a
 * connection is a connect error worth retrying; once the statement was sent, a lost connection is
 * not retried, since the statement may have run.
 *
 * @param connectError retry it (resilience counts it against the connector's breaker too)
 */
record SqlFailure(StepOutcome outcome, boolean connectError) {

    /** A failure while getting a connection (the probe, or the pool's wait). */
    static SqlFailure connecting(SQLException e, String ref, SecretPlaceholders placeholders) {
        Optional<SqlFailure> refused = egress(e, placeholders);
        if (refused.isPresent()) {
            return refused.get();
        }
        String state = state(e);
        if (e instanceof SQLTransientConnectionException && e.getCause() == null) {
            // Hikari's wait ran out with every connection busy: the server is fine, we are just full
            return new SqlFailure(StepOutcome.failed("CONNECTIONS_BUSY", placeholders.mask("every connection to"
                    + " connector '" + ref + "' stayed busy: " + e.getMessage()), null, 0), false);
        }
        if (state != null && state.startsWith("28")) {
            return failed("AUTH_FAILED", state, e, placeholders, false);
        }
        boolean connect = state == null || state.startsWith("08") || state.startsWith("57P0") || state.equals("53300");
        return failed(connect ? "CONNECTION_FAILED" : "SQL_ERROR", state, e, placeholders, connect);
    }

    /** A failure once a connection was held: the statement, or its commit. */
    static SqlFailure running(SQLException e, long timeoutMs, SecretPlaceholders placeholders) {
        String state = state(e);
        if ("57014".equals(state)) {
            return new SqlFailure(StepOutcome.failed("TIMEOUT", "[SQLSTATE 57014] the statement was cancelled after"
                    + " its timeout of " + timeoutMs + " ms (or by an administrator)", null, 1), false);
        }
        if (state == null || state.startsWith("08")) {
            return failed("CONNECTION_LOST", state, e, placeholders, false);
        }
        return failed(state.startsWith("28") ? "AUTH_FAILED" : "SQL_ERROR", state, e, placeholders, false);
    }

    private static Optional<SqlFailure> egress(SQLException e, SecretPlaceholders placeholders) {
        return EgressException.findIn(e).map(refused -> {
            // our own socket's message names the host; the policy's would name the address
            String message = findOurs(e).orElse(refused.getMessage());
            return new SqlFailure(StepOutcome.failed(refused.code(), placeholders.mask(message), null, 0), false);
        });
    }

    private static Optional<String> findOurs(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EgressCheckedSocketFactory.EgressRefusedException ours) {
                return Optional.of(ours.getMessage());
            }
        }
        return Optional.empty();
    }

    private static SqlFailure failed(String code, String state, SQLException e, SecretPlaceholders placeholders,
            boolean connect) {
        String message = (state == null ? "" : "[SQLSTATE " + state + "] ") + describe(e);
        return new SqlFailure(StepOutcome.failed(code, placeholders.mask(message), null, 1), connect);
    }

    /** The server's message; for a wrapper (Hikari's timeout), the cause's too. */
    private static String describe(SQLException e) {
        String message = String.valueOf(e.getMessage());
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message += ": " + cause.getMessage();
        }
        return message.strip();
    }

    /** The first SQLSTATE in the exception, its causes or its chained exceptions. */
    private static String state(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        for (SQLException next = e.getNextException(); next != null; next = next.getNextException()) {
            if (next.getSQLState() != null) {
                return next.getSQLState();
            }
        }
        return null;
    }
}
