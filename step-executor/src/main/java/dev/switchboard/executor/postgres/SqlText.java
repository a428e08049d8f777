package dev.switchboard.executor.postgres;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;

/**
 * A step's SQL made ready for pgjdbc: Postgres' own {@code $1…$n} placeholders become JDBC's
 * {@code ?} (pgjdbc binds only those), a {@code ?} of the SQL itself (the jsonb operator) is escaped
 * as {@code ??}, and literals, quoted names and comments are left alone. The lexing is pgjdbc's
 * own ({@link Parser}'s quote and comment scanners), so what is a literal here is a literal to the
 * driver; the driver's parse of the result must then find exactly our placeholders, or the query is
 * refused rather than bound wrong.
 *
 * <p>One statement per step: pgjdbc would send {@code SELECT 1; DROP TABLE x} as two statements,
 * so a second one is refused. So are transaction control and session settings, which would end the
 * step's own (read-only) transaction or leak into later steps on the pooled connection.
 *
 * @param jdbcSql the text handed to {@code prepareStatement}
 * @param order for each {@code ?} of {@code jdbcSql}, in order, the 1-based index into the step's params
 */
record SqlText(String jdbcSql, int[] order) {

    /** First words of statements a step may not run (ADR 013). */
    private static final Set<String> REFUSED = Set.of("BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT",
            "SAVEPOINT", "RELEASE", "PREPARE", "SET", "RESET", "DISCARD");

    /**
     * @param query the step's query, with {@code $n} placeholders
     * @param params how many values the step's {@code params} holds; each must be used
     * @throws StatementRefusedException naming what is wrong, never quoting a value
     */
    static SqlText of(String query, int params) {
        char[] chars = query.toCharArray();
        StringBuilder sql = new StringBuilder(chars.length + 8);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            int end = switch (c) {
                case '\'' -> Parser.parseSingleQuotes(chars, i, true);
                case '"' -> Parser.parseDoubleQuotes(chars, i);
                case '-' -> Parser.parseLineComment(chars, i);
                case '/' -> Parser.parseBlockComment(chars, i);
                case '$' -> Parser.parseDollarQuotes(chars, i);
                default -> i;
            };
            if (end == i && c == '$' && i + 1 < chars.length && Character.isDigit(chars[i + 1])
                    && (i == 0 || !Parser.isIdentifierContChar(chars[i - 1]))) {
                int digits = i + 1;
                while (digits < chars.length && Character.isDigit(chars[digits])) {
                    digits++;
                }
                order.add(placeholder(query.substring(i + 1, digits), params));
                sql.append('?');
                i = digits - 1;
            } else if (end == i && c == '?') {
                sql.append("??");
            } else {
                sql.append(chars, i, end - i + 1);
                i = end;
            }
        }
        Set<Integer> unused = new TreeSet<>();
        for (int n = 1; n <= params; n++) {
            if (!order.contains(n)) {
                unused.add(n);
            }
        }
        if (!unused.isEmpty()) {
            throw new StatementRefusedException(StatementRefusedException.INVALID_REQUEST, "params has " + params
                    + " value(s) but the query never uses " + unused.stream().map(n -> "$" + n).toList()
                    + "; every value is bound to its $n placeholder");
        }
        checkOneStatement(sql.toString(), order.size());
        return new SqlText(sql.toString(), order.stream().mapToInt(Integer::intValue).toArray());
    }

    private static int placeholder(String digits, int params) {
        int n;
        try {
            n = Integer.parseInt(digits);
        } catch (NumberFormatException tooLong) {
            n = Integer.MAX_VALUE;
        }
        if (n < 1 || n > params) {
            throw new StatementRefusedException(StatementRefusedException.INVALID_REQUEST, "the query uses $" + digits
                    + " but params has " + params + " value(s)");
        }
        return n;
    }

    private static void checkOneStatement(String sql, int placeholders) {
        List<NativeQuery> parsed;
        try {
            parsed = Parser.parseJdbcSql(sql, true, true, true, false, false);
        } catch (SQLException e) {
            throw new StatementRefusedException(StatementRefusedException.INVALID_REQUEST, "the query cannot be"
                    + " parsed: " + e.getMessage());
        }
        List<String> firstWords = new ArrayList<>();
        int bound = 0;
        for (NativeQuery statement : parsed) {
            String word = firstWord(statement.nativeSql);
            if (word != null) {
                firstWords.add(word);
            }
            bound += statement.bindPositions.length;
        }
        if (firstWords.isEmpty()) {
            throw new StatementRefusedException(StatementRefusedException.INVALID_REQUEST, "query holds no statement");
        }
        if (firstWords.size() > 1) {
            throw new StatementRefusedException(StatementRefusedException.MULTIPLE_STATEMENTS, "the query holds "
                    + firstWords.size() + " statements; a step runs exactly one (make one step per statement)");
        }
        if (REFUSED.contains(firstWords.getFirst())) {
            throw new StatementRefusedException(StatementRefusedException.UNSUPPORTED_STATEMENT, firstWords.getFirst()
                    + " is not run by a step: each step is one statement in a transaction of its own, and"
                    + " transaction control or session settings would break it or leak into later steps on the"
                    + " same pooled connection");
        }
        if (bound != placeholders) {
            // the driver read the text differently from us: binding would put values in the wrong places
            throw new StatementRefusedException(StatementRefusedException.INVALID_REQUEST, "the query's placeholders"
                    + " cannot be told apart from its literals; check its quotes and comments");
        }
    }

    /** The statement's first word in upper case, after blanks and comments; null when there is none. */
    static String firstWord(String statement) {
        char[] chars = statement.toCharArray();
        int i = 0;
        while (i < chars.length) {
            char c = chars[i];
            int end = c == '-' ? Parser.parseLineComment(chars, i) : c == '/' ? Parser.parseBlockComment(chars, i) : i;
            if (end != i) {
                i = end + 1;
            } else if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else {
                int start = i;
                while (i < chars.length && Parser.isIdentifierContChar(chars[i])) {
                    i++;
                }
                return i == start ? String.valueOf(c) : statement.substring(start, i).toUpperCase(Locale.ROOT);
            }
        }
        return null;
    }
}
