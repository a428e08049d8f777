package dev.switchboard.executor.postgres;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.postgresql.util.PGobject;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a result set into row objects with JSON types (ADR 013): integers and numeric as numbers
 * (numeric exactly), booleans, json and jsonb as the JSON they hold, timestamps as ISO-8601
 * (timestamptz in UTC with a {@code Z}), dates and times ISO too, bytea as base64, arrays as
 * arrays; everything else (text, uuid, interval, inet, enums, money, …) as Postgres prints it.
 * NaN and infinities, which JSON cannot hold as numbers, are strings. Every string is masked, so a
 * secret bound as a parameter and selected back does not land in the run's stored result.
 */
final class RowReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final JsonMapper json;
    private final UnaryOperator<String> mask;

    RowReader(JsonMapper json, UnaryOperator<String> mask) {
        this.json = json;
        this.mask = mask;
    }

    /**
     * Up to {@code maxRows} rows, stopping early when they would weigh more than {@code maxChars}
     * characters of JSON (roughly).
     */
    Rows read(ResultSet rows, int maxRows, long maxChars) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        int columns = meta.getColumnCount();
        String[] names = new String[columns];
        Kind[] kinds = new Kind[columns];
        for (int c = 0; c < columns; c++) {
            names[c] = meta.getColumnLabel(c + 1);
            kinds[c] = Kind.of(meta.getColumnTypeName(c + 1));
        }
        ArrayNode read = NODES.arrayNode();
        long chars = 2;
        while (rows.next()) {
            if (read.size() == maxRows) {
                return new Rows(read, Limit.ROWS);
            }
            ObjectNode row = NODES.objectNode();
            for (int c = 0; c < columns; c++) {
                JsonNode value = value(rows, c + 1, kinds[c]);
                row.set(names[c], value);
                chars += names[c].length() + 4 + (value.isString() ? value.asString().length() + 2
                        : value.isContainer() ? value.toString().length() : 8);
            }
            if (chars > maxChars) {
                return new Rows(read, Limit.SIZE);
            }
            read.add(row);
        }
        return new Rows(read, null);
    }

    private JsonNode value(ResultSet rows, int column, Kind kind) throws SQLException {
        return switch (kind) {
            case BOOLEAN -> {
                boolean value = rows.getBoolean(column);
                yield rows.wasNull() ? NODES.nullNode() : NODES.booleanNode(value);
            }
            case INTEGER -> {
                long value = rows.getLong(column);
                yield rows.wasNull() ? NODES.nullNode() : integer(value);
            }
            case FLOAT -> {
                double value = rows.getDouble(column);
                yield rows.wasNull() ? NODES.nullNode() : number(value);
            }
            case NUMERIC -> {
                String text = rows.getString(column);
                yield text == null ? NODES.nullNode() : numeric(text);
            }
            case JSON -> {
                String text = rows.getString(column);
                yield text == null ? NODES.nullNode() : parsed(text);
            }
            case BYTEA -> {
                byte[] bytes = rows.getBytes(column);
                yield bytes == null ? NODES.nullNode() : NODES.stringNode(mask.apply(Base64.getEncoder()
                        .encodeToString(bytes)));
            }
            case TIMESTAMPTZ, TIMESTAMP, DATE, TIME, TIMETZ -> temporal(rows, column, kind);
            case ARRAY -> {
                Array array = rows.getArray(column);
                if (array == null) {
                    yield NODES.nullNode();
                }
                try {
                    yield element(array.getArray(), Kind.of(array.getBaseTypeName()));
                } finally {
                    array.free();
                }
            }
            case TEXT -> {
                String text = rows.getString(column);
                yield text == null ? NODES.nullNode() : NODES.stringNode(mask.apply(text));
            }
        };
    }

    private JsonNode temporal(ResultSet rows, int column, Kind kind) throws SQLException {
        String text = rows.getString(column);
        if (text == null) {
            return NODES.nullNode();
        }
        if (text.endsWith("infinity")) {
            return NODES.stringNode(text);
        }
        String iso = switch (kind) {
            case TIMESTAMPTZ -> INSTANT.format(rows.getObject(column, OffsetDateTime.class)
                    .withOffsetSameInstant(ZoneOffset.UTC));
            case TIMESTAMP -> DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(rows.getObject(column, LocalDateTime.class));
            case DATE -> DateTimeFormatter.ISO_LOCAL_DATE.format(rows.getObject(column, LocalDate.class));
            case TIME -> DateTimeFormatter.ISO_LOCAL_TIME.format(rows.getObject(column, LocalTime.class));
            default -> DateTimeFormatter.ISO_OFFSET_TIME.format(rows.getObject(column, OffsetTime.class));
        };
        return NODES.stringNode(iso);
    }

    /** An array element as pgjdbc gives it (boxed values, nested arrays for more dimensions). */
    private JsonNode element(Object value, Kind kind) {
        return switch (value) {
            case null -> NODES.nullNode();
            case Object[] nested -> {
                ArrayNode array = NODES.arrayNode();
                for (Object item : nested) {
                    array.add(element(item, kind));
                }
                yield array;
            }
            case Boolean b -> NODES.booleanNode(b);
            case Short s -> integer(s);
            case Integer i -> integer(i);
            case Long l -> integer(l);
            case Double d -> number(d);
            case Float f -> number(f.doubleValue());
            case BigDecimal d -> NODES.numberNode(d);
            case byte[] bytes -> NODES.stringNode(mask.apply(Base64.getEncoder().encodeToString(bytes)));
            case java.sql.Timestamp t when kind == Kind.TIMESTAMPTZ -> NODES.stringNode(INSTANT.format(
                    t.toInstant().atOffset(ZoneOffset.UTC)));
            case java.sql.Timestamp t -> NODES.stringNode(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                    t.toLocalDateTime()));
            case java.sql.Date d -> NODES.stringNode(d.toLocalDate().toString());
            case java.sql.Time t -> NODES.stringNode(DateTimeFormatter.ISO_LOCAL_TIME.format(t.toLocalTime()));
            case PGobject object when object.getValue() != null && kind == Kind.JSON -> parsed(object.getValue());
            case PGobject object -> object.getValue() == null ? NODES.nullNode()
                    : NODES.stringNode(mask.apply(object.getValue()));
            case String text when kind == Kind.JSON -> parsed(text);
            case String text when kind == Kind.NUMERIC -> numeric(text);
            default -> NODES.stringNode(mask.apply(value.toString()));
        };
    }

    /** The narrowest node, so a row equals the same JSON parsed (an int4 1 is the JSON 1). */
    private static JsonNode integer(long value) {
        return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
    }

    private static JsonNode number(double value) {
        return Double.isFinite(value) ? NODES.numberNode(value) : NODES.stringNode(Double.toString(value));
    }

    private static JsonNode numeric(String text) {
        try {
            return NODES.numberNode(new BigDecimal(text));
        } catch (NumberFormatException nanOrInfinity) {
            return NODES.stringNode(text);
        }
    }

    private JsonNode parsed(String text) {
        String masked = mask.apply(text);
        try {
            return json.readTree(masked);
        } catch (JacksonException notJson) {
            return NODES.stringNode(masked);
        }
    }

    /** How a column's values become JSON, by its Postgres type name. */
    enum Kind {
        BOOLEAN, INTEGER, FLOAT, NUMERIC, JSON, BYTEA, TIMESTAMPTZ, TIMESTAMP, DATE, TIME, TIMETZ, ARRAY, TEXT;

        static Kind of(String typeName) {
            String type = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
            if (type.startsWith("_")) {
                return ARRAY;
            }
            return switch (type) {
                case "bool" -> BOOLEAN;
                case "int2", "int4", "int8", "oid", "serial", "bigserial", "smallserial" -> INTEGER;
                case "float4", "float8" -> FLOAT;
                case "numeric" -> NUMERIC;
                case "json", "jsonb" -> JSON;
                case "bytea" -> BYTEA;
                case "timestamptz" -> TIMESTAMPTZ;
                case "timestamp" -> TIMESTAMP;
                case "date" -> DATE;
                case "time" -> TIME;
                case "timetz" -> TIMETZ;
                default -> TEXT;
            };
        }
    }

    /** What stopped the reading early, if anything. */
    enum Limit {
        ROWS, SIZE
    }

    /** The rows read; {@code limit} is null when the result ended by itself. */
    record Rows(ArrayNode rows, Limit limit) {
    }
}
