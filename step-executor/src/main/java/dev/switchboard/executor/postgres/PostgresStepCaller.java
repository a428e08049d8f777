package dev.switchboard.executor.postgres;

import dev.switchboard.contracts.event.StepKind;
import dev.switchboard.contracts.event.StepRequest;
import dev.switchboard.contracts.event.StepRequested;
import dev.switchboard.executor.call.CallAuthException;
import dev.switchboard.executor.call.ConnectorLogin;
import dev.switchboard.executor.call.ProtocolCaller;
import dev.switchboard.executor.call.SecretPlaceholders;
import dev.switchboard.executor.call.StepOutcome;
import dev.switchboard.executor.egress.EgressException;
import dev.switchboard.executor.egress.EgressPolicy;
import dev.switchboard.executor.resilience.AttemptVerdict;
import dev.switchboard.executor.resilience.Attempts;
import dev.switchboard.executor.resilience.ConnectorResilience;
import dev.switchboard.executor.resilience.ResilienceRejection;
import dev.switchboard.executor.secret.SecretResolutionException;
import dev.switchboard.executor.secret.SecretResolver;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.postgresql.util.PGobject;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs one postgres step (ARCHITECTURE §5, ADR 013): the body's {@code query} with its
 * {@code $1…$n} bound to {@code params} (never put into the text), on a pooled connection of the
 * connector, in a transaction of its own (READ ONLY for a {@code readOnly} connector) with a
 * statement timeout, and its rows back as JSON objects. {@code {{secret:NAME}}} in params is filled
 * at call time; the login is the connector's basic secret {username, password}; every message and
 * every string of the result is masked. The host is checked against the egress policy before, and
 * the address dialled while connecting. Only failures to get a connection are retried.
 */
@Component
public class PostgresStepCaller implements ProtocolCaller {

    /** Like an HTTP step's 10 MB: a result is stored with the run and travels in an event. */
    static final long MAX_RESULT_CHARS = 10L * 1024 * 1024;
    /** The socket waits this much longer than the statement, so the server's timeout speaks first. */
    private static final Duration NETWORK_GRACE = Duration.ofSeconds(2);
    private static final String STATEMENT_TIMEOUT = "SELECT set_config('statement_timeout', ?, true)";

    private final SecretResolver secrets;
    private final EgressPolicy egress;
    private final ConnectorResilience resilience;
    private final PostgresPools pools;
    private final PostgresProperties properties;
    private final JsonMapper json;

    PostgresStepCaller(SecretResolver secrets, EgressPolicy egress, ConnectorResilience resilience,
            PostgresPools pools, PostgresProperties properties, JsonMapper json) {
        this.secrets = secrets;
        this.egress = egress;
        this.resilience = resilience;
        this.pools = pools;
        this.properties = properties;
        this.json = json;
    }

    @Override
    public StepKind kind() {
        return StepKind.POSTGRES;
    }

    @Override
    public StepOutcome call(StepRequested step, Optional<JsonNode> connector, Map<String, String> credentials) {
        StepRequest request = step.request();
        String ref = request.connector();
        if (connector.isEmpty() || ref == null) {
            return StepOutcome.failed("INVALID_REQUEST", "a postgres step calls a postgres connector", null, 0);
        }
        SecretPlaceholders placeholders = new SecretPlaceholders(secrets, step.userId(), credentials);
        try {
            PostgresTarget target = PostgresTarget.of(ref, connector.get());
            PostgresStatement statement = PostgresStatement.of(request.body());
            SqlText sql = SqlText.of(statement.query(), statement.params().size());
            // every secret before any connection: a missing one fails the step with nothing sent
            ObjectNode login = ConnectorLogin.read(placeholders, target.secret(), "username", "password");
            List<JsonNode> params = new ArrayList<>();
            for (JsonNode param : statement.params()) {
                params.add(filled(param, placeholders));
            }
            egress.check(URI.create("http://" + target.host() + ":" + target.port()));
            Duration timeout = resilience.attemptTimeout(ref, connector.get(), step.deadline());
            if (statement.timeoutMs() != null && statement.timeoutMs() < timeout.toMillis()) {
                timeout = Duration.ofMillis(statement.timeoutMs());
            }
            int ceiling = target.maxRows() == null ? properties.maxRows() : target.maxRows();
            int maxRows = statement.maxRows() == null ? ceiling : Math.min(statement.maxRows(), ceiling);
            Execution execution = new Execution(ref, target, login.path("username").asString(),
                    login.path("password").asString(), sql, params, maxRows, statement.truncate(), timeout,
                    placeholders);
            Attempts<SqlFailure> done = resilience.call(ref, connector.get(), step.deadline(),
                    () -> attempt(execution), failure -> failure.connectError() ? AttemptVerdict.connectError()
                            : failure.outcome().success() ? AttemptVerdict.success() : AttemptVerdict.notRetryable());
            return done.last().outcome().withRequests(done.attempts()).withRetries(done.attempts() - 1);
        } catch (PostgresTarget.InvalidTargetException e) {
            return StepOutcome.failed(ResilienceRejection.INVALID_CONNECTOR_CONFIG, e.getMessage(), null, 0);
        } catch (StatementRefusedException e) {
            return StepOutcome.failed(e.code(), placeholders.mask(e.getMessage()), null, 0);
        } catch (SecretResolutionException e) {
            return StepOutcome.failed(e.code(), e.getMessage(), null, 0);
        } catch (CallAuthException e) {
            return StepOutcome.failed(e.code(), placeholders.mask(e.getMessage()), e.httpStatus(), 0);
        } catch (EgressException e) {
            return StepOutcome.failed(e.code(), placeholders.mask(e.getMessage()), null, 0);
        } catch (ResilienceRejection e) {
            return StepOutcome.failed(e.code(), e.getMessage(), null, 0);
        }
    }

    /** One attempt: a connection, the statement in its transaction, the rows. */
    private SqlFailure attempt(Execution run) {
        PostgresPools.Lease lease;
        try {
            lease = pools.lease(run.ref(), run.target(), run.user(), run.password());
        } catch (SQLException e) {
            return SqlFailure.connecting(e, run.ref(), run.placeholders());
        }
        try (PostgresPools.Lease held = lease; Connection connection = held.connection()) {
            return new SqlFailure(execute(connection, run), false);
        } catch (SQLException e) {
            return SqlFailure.running(e, run.timeout().toMillis(), run.placeholders());
        }
    }

    private StepOutcome execute(Connection connection, Execution run) throws SQLException {
        try {
            connection.setNetworkTimeout(Runnable::run, (int) run.timeout().plus(NETWORK_GRACE).toMillis());
            try (PreparedStatement limit = connection.prepareStatement(STATEMENT_TIMEOUT)) {
                // local to the step's transaction: nothing stays behind on the pooled connection
                limit.setString(1, Long.toString(run.timeout().toMillis()));
                limit.execute();
            }
            try (PreparedStatement statement = connection.prepareStatement(run.sql().jdbcSql())) {
                bind(statement, run.sql(), run.params());
                // one row more than allowed tells that there were more
                statement.setMaxRows(run.maxRows() + 1);
                JsonNode data;
                if (statement.execute()) {
                    RowReader.Rows rows;
                    try (ResultSet result = statement.getResultSet()) {
                        rows = new RowReader(json, run.placeholders()::mask).read(result, run.maxRows(),
                                MAX_RESULT_CHARS);
                    }
                    if (rows.limit() != null && !run.truncate()) {
                        // a write with RETURNING is undone too: nothing half done stays behind
                        connection.rollback();
                        return tooLarge(rows.limit(), run.maxRows());
                    }
                    data = run.truncate() ? JsonNodeFactory.instance.objectNode().<ObjectNode>set("rows", rows.rows())
                            .put("truncated", rows.limit() != null) : rows.rows();
                } else {
                    data = JsonNodeFactory.instance.objectNode().put("rowCount", statement.getLargeUpdateCount());
                }
                connection.commit();
                return StepOutcome.ok(data);
            }
        } catch (SQLException e) {
            rollbackQuietly(connection);
            throw e;
        }
    }

    private static StepOutcome tooLarge(RowReader.Limit limit, int maxRows) {
        String why = limit == RowReader.Limit.ROWS ? "more than " + maxRows + " rows"
                : "more than " + MAX_RESULT_CHARS / (1024 * 1024) + " MB of rows";
        return StepOutcome.failed("RESULT_TOO_LARGE", "the statement returned " + why + "; narrow it (WHERE,"
                + " LIMIT), raise maxRows, or set onLimit: truncate to keep the first rows", null, 1);
    }

    /** Each {@code ?} gets the param its {@code $n} named, typed by its JSON type. */
    private void bind(PreparedStatement statement, SqlText sql, List<JsonNode> params) throws SQLException {
        int[] order = sql.order();
        for (int i = 0; i < order.length; i++) {
            JsonNode value = params.get(order[i] - 1);
            int at = i + 1;
            if (value == null || value.isNull() || value.isMissingNode()) {
                statement.setNull(at, Types.NULL);
            } else if (value.isBoolean()) {
                statement.setBoolean(at, value.booleanValue());
            } else if (value.isIntegralNumber()) {
                if (value.canConvertToLong()) {
                    statement.setLong(at, value.longValue());
                } else {
                    statement.setBigDecimal(at, value.decimalValue());
                }
            } else if (value.isBigDecimal()) {
                statement.setBigDecimal(at, value.decimalValue());
            } else if (value.isNumber()) {
                statement.setDouble(at, value.doubleValue());
            } else if (value.isString()) {
                statement.setString(at, value.asString());
            } else {
                PGobject document = new PGobject();
                document.setType("jsonb");
                document.setValue(json.writeValueAsString(value));
                statement.setObject(at, document);
            }
        }
    }

    /** {@code {{secret:NAME}}} filled in a string, or in every string of an object or array. */
    private JsonNode filled(JsonNode param, SecretPlaceholders placeholders) {
        if (param.isString()) {
            return JsonNodeFactory.instance.stringNode(placeholders.fill(param.asString()));
        }
        if (param.isContainer()) {
            return json.readTree(placeholders.fillJson(json.writeValueAsString(param)));
        }
        return param;
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool drops it, and the server ends the transaction with it
        }
    }

    /** Everything one step's attempts share. */
    private record Execution(String ref, PostgresTarget target, String user, String password, SqlText sql,
            List<JsonNode> params, int maxRows, boolean truncate, Duration timeout, SecretPlaceholders placeholders) {

        /** Never the password or the values (a record would print every component). */
        @Override
        public String toString() {
            return "Execution[" + ref + ", " + maxRows + " rows, " + timeout.toMillis() + " ms]";
        }
    }
}
